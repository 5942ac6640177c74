/** The cart read model: what each cart holds, kept in PostgreSQL for the storefront. */
@NullMarked
package io.emporium.projections.cart;

import org.jspecify.annotations.NullMarked;
