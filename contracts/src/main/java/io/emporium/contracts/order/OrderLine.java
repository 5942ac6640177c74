package io.emporium.contracts.order;

import io.emporium.contracts.money.Money;

/** One product on an order: how many, at the unit price the customer agreed to. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public Money total() {
        return unitPrice.times(quantity);
    }
}
