/** Orders: what a customer bought, for how much, and where the order stands. */
@NullMarked
package io.emporium.contracts.order;

import org.jspecify.annotations.NullMarked;
