/** Operations over HTTP: replays of the event history into new topics, rebuilds of read models, their progress. */
@NullMarked
package io.emporium.app.ops;

import org.jspecify.annotations.NullMarked;
