/** A payment service provider simulated over HTTP, faithful to what a real one promises and to how it fails. */
@NullMarked
package io.emporium.psp;

import org.jspecify.annotations.NullMarked;
