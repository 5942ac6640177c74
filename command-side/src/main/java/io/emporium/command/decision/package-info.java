/** Decisions: what an aggregate decides for a command, the events it accepts or the rejection it answers with. */
@NullMarked
package io.emporium.command.decision;

import org.jspecify.annotations.NullMarked;
