/**
 * Where the cores went during a measurement: the engine, PostgreSQL, the load generator and everything else, read
 * from /proc, so that a figure on this two-core machine can be read together with who used the CPU.
 */
@NullMarked
package io.emporium.bench.cpu;

import org.jspecify.annotations.NullMarked;
