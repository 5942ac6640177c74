/** Orders on the read side: the order view, read through R2DBC. */
@NullMarked
package io.emporium.query.order;

import org.jspecify.annotations.NullMarked;
