/**
 * Event rows as Axon stores them in domain_event_entry, made fast: synthetic orders and catalogs copied from real
 * events, written with PostgreSQL's binary COPY, so a store of millions of events exists in seconds.
 */
@NullMarked
package io.emporium.bench.history;

import org.jspecify.annotations.NullMarked;
