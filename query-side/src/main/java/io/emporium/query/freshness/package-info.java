/** Fresh reads: change notices from PostgreSQL, and reads that wait, bounded, for the client's own writes. */
@NullMarked
package io.emporium.query.freshness;

import org.jspecify.annotations.NullMarked;
