/** Inventory on the write side: the Stock aggregate of each SKU, which never promises more units than it holds. */
@NullMarked
package io.emporium.command.inventory;

import org.jspecify.annotations.NullMarked;
