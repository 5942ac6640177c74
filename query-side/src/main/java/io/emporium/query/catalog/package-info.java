/** The catalog on the read side: product search, autocomplete and detail from the product index, detail cached. */
@NullMarked
package io.emporium.query.catalog;

import org.jspecify.annotations.NullMarked;
