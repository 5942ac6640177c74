/** Outgoing event streams: every event, as a CloudEvents envelope, on a Kafka topic per bounded context. */
@NullMarked
package io.emporium.projections.stream;

import org.jspecify.annotations.NullMarked;
