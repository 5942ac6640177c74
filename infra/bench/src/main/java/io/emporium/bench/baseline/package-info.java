/**
 * This machine's own limits, measured in the same run as the figures they judge: durable single-row commits and a
 * sequential read on the same PostgreSQL, a bare WebFlux endpoint under the same load generator, and a raw Kafka
 * producer on the same broker.
 */
@NullMarked
package io.emporium.bench.baseline;

import org.jspecify.annotations.NullMarked;
