/** The chain builder: links every committed event into the tamper-evident hash chain, in the background. */
@NullMarked
package io.emporium.projections.audit;

import org.jspecify.annotations.NullMarked;
