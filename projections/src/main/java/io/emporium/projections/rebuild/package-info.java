/** Blue/green rebuilds of read models from the event table, switched atomically once built and checked. */
@NullMarked
package io.emporium.projections.rebuild;

import org.jspecify.annotations.NullMarked;
