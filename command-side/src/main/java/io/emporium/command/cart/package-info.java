/** Carts on the write side: the Cart aggregate, its decisions, and checkout into an order. */
@NullMarked
package io.emporium.command.cart;

import org.jspecify.annotations.NullMarked;
