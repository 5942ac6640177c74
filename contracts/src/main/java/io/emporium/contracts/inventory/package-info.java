/** Inventory: how many units of each SKU the shop holds, and how many are promised to orders. */
@NullMarked
package io.emporium.contracts.inventory;

import org.jspecify.annotations.NullMarked;
