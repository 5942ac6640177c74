/**
 * Payments as the shop sees them: a card becomes a PSP token at the edge, an intent is authorized, captured, voided
 * or refunded through the {@link io.emporium.command.payment.PaymentGateway}, each intent charged at most once.
 */
@NullMarked
package io.emporium.command.payment;

import org.jspecify.annotations.NullMarked;
