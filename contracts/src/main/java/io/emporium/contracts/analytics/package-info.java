/** Analytics: what sold when, how carts convert into orders, and which carts were left behind. */
@NullMarked
package io.emporium.contracts.analytics;

import org.jspecify.annotations.NullMarked;
