/** Operations over HTTP: replays into new topics, rebuilds of read models and their progress; dead letters. */
@NullMarked
package io.emporium.app.ops;

import org.jspecify.annotations.NullMarked;
