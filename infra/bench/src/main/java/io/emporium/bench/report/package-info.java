/** The run's report: Markdown with PNG charts under bench-results/, and the short summary printed at the end. */
@NullMarked
package io.emporium.bench.report;

import org.jspecify.annotations.NullMarked;
