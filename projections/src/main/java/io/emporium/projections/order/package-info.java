/** Orders as the storefront reads them: the order view in PostgreSQL. */
@NullMarked
package io.emporium.projections.order;

import org.jspecify.annotations.NullMarked;
