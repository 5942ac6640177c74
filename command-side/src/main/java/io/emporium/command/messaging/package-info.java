/** How commands find their aggregate and carry the client's preconditions (If-Match) with them. */
@NullMarked
package io.emporium.command.messaging;

import org.jspecify.annotations.NullMarked;
