/** Orders on the write side: the Order aggregate, its decisions and the HTTP commands that reach it. */
@NullMarked
package io.emporium.command.order;

import org.jspecify.annotations.NullMarked;
