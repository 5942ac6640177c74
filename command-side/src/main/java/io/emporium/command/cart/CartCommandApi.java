package io.emporium.command.cart;

import io.emporium.command.checkout.OrderIntake;
import io.emporium.command.checkout.PaymentRequest;
import io.emporium.command.decision.Rejection;
import io.emporium.command.http.CommandRequests;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.contracts.cart.CartCommand;
import io.emporium.contracts.cart.CartCommand.AddItemToCart;
import io.emporium.contracts.cart.CartCommand.ChangeQuantity;
import io.emporium.contracts.cart.CartCommand.CheckOutCart;
import io.emporium.contracts.cart.CartCommand.CreateCart;
import io.emporium.contracts.cart.CartCommand.RemoveItemFromCart;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Carts over HTTP: create, fill, change, empty, and check out into an order. */
@RestController
class CartCommandApi {

    private static final String CART_ID = "[0-9a-f-]{36}";
    private static final String SKU = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final CommandRequests requests;
    private final PaymentGateway payments;
    private final OrderIntake intake;

    CartCommandApi(CommandRequests requests, PaymentGateway payments, ObjectProvider<OrderIntake> intake) {
        this.requests = requests;
        this.payments = payments;
        this.intake = intake.getIfAvailable(() -> OrderIntake.UNBOUNDED);
    }

    record CreateCartRequest(@NotBlank @Size(max = 255) @Nullable String customerId) {}

    record AddItemRequest(@NotNull @Pattern(regexp = SKU) @Nullable String sku,
                          @NotNull @Positive @Max(CartDecisions.MAX_QUANTITY) @Nullable Integer quantity) {}

    record QuantityRequest(@NotNull @PositiveOrZero @Max(CartDecisions.MAX_QUANTITY) @Nullable Integer quantity) {}

    /** What the client learns on success. */
    record CartChanged(String cartId, String change) {}

    record CheckedOutCart(String cartId, String orderId) {}

    record CheckoutRequest(@NotNull @Valid @Nullable PaymentRequest payment) {}

    @PostMapping(path = "/carts", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> create(ServerHttpRequest http, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY,
            required = false) @Nullable String key, @Valid @RequestBody CreateCartRequest body) {
        var cartId = derivedId("cart:", key);
        return send(http, key, body, new CreateCart(cartId, Objects.requireNonNull(body.customerId())),
                Success.created("/carts/" + cartId, new CartChanged(cartId, "CREATED")));
    }

    @PostMapping(path = "/carts/{cartId}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> addItem(ServerHttpRequest http, @PathVariable @Pattern(regexp = CART_ID) String cartId,
            @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @Valid @RequestBody AddItemRequest body) {
        return send(http, key, body, new AddItemToCart(cartId, Objects.requireNonNull(body.sku()),
                Objects.requireNonNull(body.quantity())), Success.ok(new CartChanged(cartId, "ITEM_ADDED")));
    }

    @PutMapping(path = "/carts/{cartId}/items/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> changeQuantity(ServerHttpRequest http, @PathVariable @Pattern(regexp = CART_ID)
            String cartId, @PathVariable @Pattern(regexp = SKU) String sku, @RequestHeader(
            name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @Valid @RequestBody QuantityRequest body) {
        return send(http, key, body, new ChangeQuantity(cartId, sku, Objects.requireNonNull(body.quantity())),
                Success.ok(new CartChanged(cartId, "QUANTITY_CHANGED")));
    }

    @DeleteMapping("/carts/{cartId}/items/{sku}")
    Mono<ResponseEntity<?>> removeItem(ServerHttpRequest http, @PathVariable @Pattern(regexp = CART_ID)
            String cartId, @PathVariable @Pattern(regexp = SKU) String sku, @RequestHeader(
            name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        return send(http, key, null, new RemoveItemFromCart(cartId, sku),
                Success.ok(new CartChanged(cartId, "ITEM_REMOVED")));
    }

    /**
     * Checks the cart out and places its order in one transaction: both happen, or neither. A cart yields one order
     * whatever the keys of the requests that check it out.
     */
    @PostMapping(path = "/carts/{cartId}/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> checkOut(ServerHttpRequest http, @PathVariable @Pattern(regexp = CART_ID) String cartId,
            @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @Valid @RequestBody CheckoutRequest body) {
        var orderId = derivedId("order:cart:", cartId);
        var payment = Objects.requireNonNull(body.payment());
        // The card becomes a token before the transaction, so no database connection waits on the PSP.
        return intake.roomForAnOrder().then(Mono.defer(() -> requests.prepare(key,
                () -> payment.tokenizeWith(payments)).flatMap(card -> requests.send(http, key,
                payment.fingerprint(), orderId,
                Success.created("/orders/" + orderId, new CheckedOutCart(cartId, orderId)),
                (commands, expectedVersion) -> {
                    var answer = commands.sendAndWait(new CheckOutCart(cartId, orderId), expectedVersion);
                    if (answer instanceof Rejection rejection) {
                        return rejection;
                    }
                    var cart = (CartState.CheckedOut) Objects.requireNonNull(answer);
                    return commands.sendAndWait(new PlaceOrder(orderId, cart.customerId(), cart.lines().stream()
                            .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice())).toList(),
                            card));
                }))));
    }

    private Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String key, @Nullable Object body,
                                         CartCommand command, Success success) {
        return requests.send(http, key, body, command, command.cartId(), success);
    }

    private static String derivedId(String purpose, @Nullable String source) {
        return UUID.nameUUIDFromBytes((purpose + source).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
