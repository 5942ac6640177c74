package io.emporium.command.http;

import io.emporium.contracts.money.Money;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A price as clients send it: minor units of an ISO 4217 currency. At most 10^12 minor units, so that sums of
 * bounded lines and quantities stay far inside a long.
 */
public record PriceRequest(
        @NotNull @PositiveOrZero @Max(1_000_000_000_000L) @Nullable Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}") @Nullable String currency) {

    @AssertTrue(message = "must be an ISO 4217 currency code")
    public boolean isKnownCurrency() {
        try {
            return currency == null || Currency.getInstance(currency) != null;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Only called once validation passed. */
    public Money toMoney() {
        return Money.of(Objects.requireNonNull(amount), Objects.requireNonNull(currency));
    }
}
