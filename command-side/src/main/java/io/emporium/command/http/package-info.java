/** The command side's HTTP edge: how commands leave the event loop, and how errors become problem+json. */
@NullMarked
package io.emporium.command.http;

import org.jspecify.annotations.NullMarked;
