/** The engine's own design: its kafka-export processor, in the packaged jar, catching up on the backlog. */
@NullMarked
package io.emporium.cdcprobe.engine;

import org.jspecify.annotations.NullMarked;
