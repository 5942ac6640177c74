/** The catalog on the write side: the Product aggregate, its decisions and the HTTP commands that reach it. */
@NullMarked
package io.emporium.command.catalog;

import org.jspecify.annotations.NullMarked;
