/** Checkout: the process that takes a placed order through stock reservation and payment to confirmation. */
@NullMarked
package io.emporium.command.checkout;

import org.jspecify.annotations.NullMarked;
