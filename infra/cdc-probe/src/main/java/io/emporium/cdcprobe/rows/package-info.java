/** Realistic OrderPlaced rows written straight into domain_event_entry: the backlog both exports catch up on. */
@NullMarked
package io.emporium.cdcprobe.rows;

import org.jspecify.annotations.NullMarked;
