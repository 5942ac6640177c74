/** Analytics on the read side: sales, the conversion funnel and abandoned carts, read through R2DBC. */
@NullMarked
package io.emporium.query.analytics;

import org.jspecify.annotations.NullMarked;
