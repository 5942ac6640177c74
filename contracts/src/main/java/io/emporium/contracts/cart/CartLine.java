package io.emporium.contracts.cart;

import io.emporium.contracts.money.Money;

/** One SKU in a cart, at the unit price captured when it was added. */
public record CartLine(String sku, int quantity, Money unitPrice) {}
