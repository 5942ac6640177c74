/** The benchmark suite: every figure Emporium claims, measured next to this machine's own limits in the same run. */
@NullMarked
package io.emporium.bench;

import org.jspecify.annotations.NullMarked;
