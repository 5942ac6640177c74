/** The analytics read models: sales per product and hour or day, the conversion funnel, and abandoned carts. */
@NullMarked
package io.emporium.projections.analytics;

import org.jspecify.annotations.NullMarked;
