/**
 * What PostgreSQL did for a measurement, by its own statistics: execution time per statement, write-ahead log,
 * commits, so that a change to the append path is judged by the work it removes, not only by a noisy rate.
 */
@NullMarked
package io.emporium.bench.postgres;

import org.jspecify.annotations.NullMarked;
