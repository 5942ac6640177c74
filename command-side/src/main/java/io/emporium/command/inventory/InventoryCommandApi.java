package io.emporium.command.inventory;

import io.emporium.command.http.CommandRequests;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.contracts.inventory.InventoryCommand;
import io.emporium.contracts.inventory.InventoryCommand.AdjustStock;
import io.emporium.contracts.inventory.InventoryCommand.ReceiveStock;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The warehouse's HTTP commands: goods received, stock counted. Reservations come from the order flow, not HTTP. */
@RestController
class InventoryCommandApi {

    private static final String SKU = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final String ID = "[\\x21-\\x7E]{1,128}";

    private final CommandRequests requests;

    InventoryCommandApi(CommandRequests requests) {
        this.requests = requests;
    }

    /**
     * @param receiptId the delivery note's number; without one, the Idempotency-Key stands for it
     */
    record ReceiptRequest(@NotNull @Positive @Max(1_000_000) @Nullable Integer quantity,
                          @Pattern(regexp = ID) @Nullable String receiptId) {}

    record AdjustmentRequest(@NotNull @Min(-1_000_000) @Max(1_000_000) @Nullable Integer quantityDelta,
                             @NotBlank @Size(max = 200) @Nullable String reason,
                             @Pattern(regexp = ID) @Nullable String adjustmentId) {}

    /** What the client learns on success: which SKU, and what was recorded. */
    record StockChanged(String sku, String change, String id) {}

    @PostMapping(path = "/inventory/{sku}/receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> receive(ServerHttpRequest http, @PathVariable @Pattern(regexp = SKU) String sku,
                                    @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false)
                                    @Nullable String key, @Valid @RequestBody ReceiptRequest body) {
        var receiptId = body.receiptId() != null ? body.receiptId() : "receipt:" + key;
        return send(http, key, body, new ReceiveStock(sku, receiptId, Objects.requireNonNull(body.quantity())),
                Success.created("/inventory/" + sku, new StockChanged(sku, "RECEIVED", receiptId)));
    }

    @PostMapping(path = "/inventory/{sku}/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> adjust(ServerHttpRequest http, @PathVariable @Pattern(regexp = SKU) String sku,
                                   @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false)
                                   @Nullable String key, @Valid @RequestBody AdjustmentRequest body) {
        var adjustmentId = body.adjustmentId() != null ? body.adjustmentId() : "adjustment:" + key;
        return send(http, key, body, new AdjustStock(sku, adjustmentId, Objects.requireNonNull(body.quantityDelta()),
                Objects.requireNonNull(body.reason())), Success.ok(new StockChanged(sku, "ADJUSTED", adjustmentId)));
    }

    private Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String key, Object body,
                                         InventoryCommand command, Success success) {
        return requests.send(http, key, body, command, Stock.idOf(command.sku()), success);
    }
}
