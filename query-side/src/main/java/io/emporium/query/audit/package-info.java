/** Auditors' reads straight from the event table: an order's full history, its state as of any moment, the chain. */
@NullMarked
package io.emporium.query.audit;

import org.jspecify.annotations.NullMarked;
