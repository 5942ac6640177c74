/** Money as the shop counts it: integer minor units of one ISO 4217 currency, never floating point. */
@NullMarked
package io.emporium.contracts.money;

import org.jspecify.annotations.NullMarked;
