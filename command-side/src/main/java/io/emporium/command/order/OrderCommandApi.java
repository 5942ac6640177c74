package io.emporium.command.order;

import io.emporium.command.http.CommandRequests;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderLine;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /orders: places an order, exactly once per Idempotency-Key. */
@RestController
class OrderCommandApi {

    private final CommandRequests requests;

    OrderCommandApi(CommandRequests requests) {
        this.requests = requests;
    }

    /** What the client learns on success: the order's id, where it stands and what it costs. */
    record OrderAccepted(String orderId, String status, Money total) {}

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> placeOrder(ServerHttpRequest http,
                                       @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false)
                                       @Nullable String key,
                                       @Valid @RequestBody PlaceOrderRequest body) {
        // The order id follows from the key: even a retry after the key expired finds the order already placed.
        var orderId = UUID.nameUUIDFromBytes(("order:" + key).getBytes(StandardCharsets.UTF_8)).toString();
        var command = body.toCommand(orderId);
        var total = command.lines().stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        return requests.send(http, key, body, command, orderId,
                Success.created("/orders/" + orderId, new OrderAccepted(orderId, "PLACED", total)));
    }
}
