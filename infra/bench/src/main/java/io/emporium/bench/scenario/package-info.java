/**
 * The six scenarios of issue 6: what each measures on the running engine, with which load, and which of them the
 * landed features do not allow yet.
 */
@NullMarked
package io.emporium.bench.scenario;

import org.jspecify.annotations.NullMarked;
