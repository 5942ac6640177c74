package io.emporium.command.order;

import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.command.checkout.PaymentRequest;
import io.emporium.command.http.PriceRequest;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of POST /orders. Bounds keep every total inside a long: at most 100 lines of at most 10,000 units at
 * most 10^12 minor units each.
 */
record PlaceOrderRequest(
        @NotBlank @Size(max = 255) @Nullable String customerId,
        @NotEmpty @Size(max = 100) @Nullable List<@Valid @NotNull Line> lines,
        @NotNull @Valid @Nullable PaymentRequest payment) {

    record Line(
            @NotBlank @Size(max = 64) @Nullable String sku,
            @NotNull @Positive @Max(10_000) @Nullable Integer quantity,
            @NotNull @Valid @Nullable PriceRequest unitPrice) {}

    @AssertTrue(message = "all lines must be priced in one currency")
    boolean isSingleCurrency() {
        return lines == null || lines.stream().filter(Objects::nonNull).map(Line::unitPrice).filter(Objects::nonNull)
                .map(PriceRequest::currency).filter(Objects::nonNull).distinct().count() <= 1;
    }

    /** Only called once validation passed, so every field is present. */
    PlaceOrder toCommand(String orderId, PaymentCard card) {
        return new PlaceOrder(orderId, Objects.requireNonNull(customerId), orderLines(), card);
    }

    List<OrderLine> orderLines() {
        return Objects.requireNonNull(lines).stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice().toMoney()))
                .toList();
    }

    /** The request as its idempotency fingerprint sees it: everything but card secrets. */
    Object fingerprint() {
        return new Fingerprint(customerId, lines, Objects.requireNonNull(payment).fingerprint());
    }

    private record Fingerprint(@Nullable String customerId, @Nullable List<Line> lines, Object payment) {}
}
