/**
 * Events a read model cannot apply: retried a few times, then parked per aggregate in PostgreSQL while the rest of
 * the stream flows on, until an operator retries or evicts them.
 */
@NullMarked
package io.emporium.projections.deadletter;

import org.jspecify.annotations.NullMarked;
