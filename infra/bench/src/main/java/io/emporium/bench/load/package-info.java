/**
 * The HTTP load generator: closed-loop users and open-model arrivals over a non-blocking client, with latencies in
 * HdrHistogram and, for arrivals, measured from the intended send time so that a stalled server cannot hide its
 * stall (coordinated omission).
 */
@NullMarked
package io.emporium.bench.load;

import org.jspecify.annotations.NullMarked;
