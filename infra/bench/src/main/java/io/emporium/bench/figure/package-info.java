/** Measured figures, their spread over repetitions, ratios to baselines and verdicts against targets. */
@NullMarked
package io.emporium.bench.figure;

import org.jspecify.annotations.NullMarked;
