/** The CDC probe: Debezium's export rate beside the engine's kafka-export processor, on the same backlog (ADR 007). */
@NullMarked
package io.emporium.cdcprobe;

import org.jspecify.annotations.NullMarked;
