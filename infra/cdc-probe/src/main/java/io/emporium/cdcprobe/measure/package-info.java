/** What a run measured: CPU time from /proc and the records Kafka really committed. */
@NullMarked
package io.emporium.cdcprobe.measure;

import org.jspecify.annotations.NullMarked;
