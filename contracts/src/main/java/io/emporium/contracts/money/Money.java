package io.emporium.contracts.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in the minor units of a currency (cents for EUR, yen for JPY), so that sums never drift.
 *
 * @param minorUnits amount in the currency's smallest unit; negative only for refunds and corrections
 * @param currency   ISO 4217 code, upper case
 */
public record Money(long minorUnits, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        Currency.getInstance(currency); // an unknown code is a bug in the caller, checked at the edge first
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(minorUnits, quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }
}
