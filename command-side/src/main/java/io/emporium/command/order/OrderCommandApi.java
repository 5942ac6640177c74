package io.emporium.command.order;

import io.emporium.command.http.Commands;
import io.emporium.command.idempotency.IdempotencyReply;
import io.emporium.command.idempotency.IdempotentRequest;
import io.emporium.command.idempotency.IdempotentRequests;
import io.emporium.command.idempotency.PendingResponse;
import io.emporium.command.idempotency.WrittenPosition;
import io.emporium.command.idempotency.StoredResponse;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderLine;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** POST /orders: places an order, exactly once per Idempotency-Key. */
@RestController
class OrderCommandApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IdempotentRequests idempotentRequests;
    private final Commands commands;
    private final JsonMapper json;

    OrderCommandApi(IdempotentRequests idempotentRequests, Commands commands, JsonMapper json) {
        this.idempotentRequests = idempotentRequests;
        this.commands = commands;
        this.json = json;
    }

    /** What the client learns on success: the order's id, where it stands and what it costs. */
    record OrderAccepted(String orderId, String status, Money total) {}

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> placeOrder(@RequestHeader(IDEMPOTENCY_KEY) String key,
                                       @Valid @RequestBody PlaceOrderRequest body) {
        if (!IdempotentRequest.isValidKey(key)) {
            return Mono.error(new ServerWebInputException(
                    IDEMPOTENCY_KEY + " must be 1 to 255 visible ASCII characters"));
        }
        var request = IdempotentRequest.of(key, "POST", "/orders", json.writeValueAsBytes(body));
        // The order id follows from the key: even a retry after the key expired finds the order already placed.
        var command = body.toCommand(UUID.nameUUIDFromBytes(("order:" + key).getBytes(StandardCharsets.UTF_8))
                .toString());
        return idempotentRequests.execute(request, () -> place(command)).map(IdempotencyReply::toHttpResponse);
    }

    private PendingResponse place(PlaceOrder command) {
        commands.sendAndWait(command);
        var total = command.lines().stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        var body = json.writeValueAsString(new OrderAccepted(command.orderId(), "PLACED", total));
        return new PendingResponse(command.orderId(), written -> new StoredResponse(HttpStatus.CREATED.value(),
                Map.of(HttpHeaders.LOCATION, "/orders/" + command.orderId(),
                        HttpHeaders.ETAG, written.etag(),
                        WrittenPosition.POSITION_HEADER, Long.toString(written.position()),
                        HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE),
                body));
    }
}
