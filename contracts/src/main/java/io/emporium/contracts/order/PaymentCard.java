package io.emporium.contracts.order;

/**
 * The card an order is paid with, as the payment service provider's token: card numbers and security codes never
 * get this far (see docs/adr/004-psp-side-card-tokens.md).
 */
public record PaymentCard(String token, String brand, String last4) {}
