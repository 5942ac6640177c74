/** The event store: Axon's JDBC storage of every event and processor token in PostgreSQL, wired once for all roles. */
@NullMarked
package io.emporium.eventstore;

import org.jspecify.annotations.NullMarked;
