/** Idempotency keys: a retried request gets the first response and never causes its effect twice. */
@NullMarked
package io.emporium.command.idempotency;

import org.jspecify.annotations.NullMarked;
