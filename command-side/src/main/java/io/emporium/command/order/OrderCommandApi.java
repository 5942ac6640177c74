package io.emporium.command.order;

import io.emporium.command.checkout.OrderIntake;
import io.emporium.command.http.CommandRequests;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.CancelOrder;
import io.emporium.contracts.order.OrderCommand.ConfirmDelivery;
import io.emporium.contracts.order.OrderCommand.ShipOrder;
import io.emporium.contracts.order.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Orders over HTTP: placed exactly once per Idempotency-Key, then cancelled, shipped, delivered. */
@RestController
class OrderCommandApi {

    private static final String ORDER_ID = "[0-9a-f-]{36}";

    private final CommandRequests requests;
    private final PaymentGateway payments;
    private final OrderIntake intake;

    OrderCommandApi(CommandRequests requests, PaymentGateway payments, ObjectProvider<OrderIntake> intake) {
        this.requests = requests;
        this.payments = payments;
        this.intake = intake.getIfAvailable(() -> OrderIntake.UNBOUNDED);
    }

    /** What the client learns on success: the order's id, where it stands and what it costs. */
    record OrderAccepted(String orderId, String status, Money total) {}

    /** What the client learns when it moved an order along. */
    record OrderChanged(String orderId, String change) {}

    record CancelRequest(@Size(max = 100) @Pattern(regexp = "[A-Z_]*") @Nullable String reason) {}

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> placeOrder(ServerHttpRequest http,
                                       @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false)
                                       @Nullable String key,
                                       @Valid @RequestBody PlaceOrderRequest body) {
        // The order id follows from the key: even a retry after the key expired finds the order already placed.
        var orderId = UUID.nameUUIDFromBytes(("order:" + key).getBytes(StandardCharsets.UTF_8)).toString();
        var total = body.orderLines().stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        // The card becomes a token before the transaction: no database connection waits on the PSP. A retried
        // request tokenizes again, which charges nothing.
        return intake.roomForAnOrder().then(Mono.defer(() -> requests.prepare(key,
                        () -> Objects.requireNonNull(body.payment()).tokenizeWith(payments))
                .flatMap(card -> requests.send(http, key, body.fingerprint(), body.toCommand(orderId, card), orderId,
                        Success.created("/orders/" + orderId, new OrderAccepted(orderId, "PLACED", total))))));
    }

    @PostMapping("/orders/{orderId}/cancel")
    Mono<ResponseEntity<?>> cancel(ServerHttpRequest http, @PathVariable @Pattern(regexp = ORDER_ID) String orderId,
            @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @Valid @RequestBody(required = false) @Nullable CancelRequest body) {
        var reason = body == null || body.reason() == null || body.reason().isEmpty() ? "CUSTOMER_REQUEST"
                : body.reason();
        return requests.send(http, key, body, new CancelOrder(orderId, reason), orderId,
                Success.ok(new OrderChanged(orderId, "CANCELLED")));
    }

    @PostMapping("/orders/{orderId}/ship")
    Mono<ResponseEntity<?>> ship(ServerHttpRequest http, @PathVariable @Pattern(regexp = ORDER_ID) String orderId,
            @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        return requests.send(http, key, null, new ShipOrder(orderId), orderId,
                Success.ok(new OrderChanged(orderId, "SHIPPED")));
    }

    @PostMapping("/orders/{orderId}/deliver")
    Mono<ResponseEntity<?>> deliver(ServerHttpRequest http, @PathVariable @Pattern(regexp = ORDER_ID) String orderId,
            @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        return requests.send(http, key, null, new ConfirmDelivery(orderId), orderId,
                Success.ok(new OrderChanged(orderId, "DELIVERED")));
    }
}
