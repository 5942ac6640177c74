/** The command side: decides what happens to the shop's aggregates and records it as events. */
@NullMarked
package io.emporium.command;

import org.jspecify.annotations.NullMarked;
