/** The product search index: what the storefront lists, finds and shows, fed by catalog and stock events. */
@NullMarked
package io.emporium.projections.catalog;

import org.jspecify.annotations.NullMarked;
