/**
 * Processes the suite starts beside itself (the engine, the bare WebFlux endpoint), each guarded so that it never
 * outlives the suite, however the suite ends.
 */
@NullMarked
package io.emporium.bench.process;

import org.jspecify.annotations.NullMarked;
