/** The query side: answers the storefront's reads from read models, without blocking a thread. */
@NullMarked
package io.emporium.query;

import org.jspecify.annotations.NullMarked;
