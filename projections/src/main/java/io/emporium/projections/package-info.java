/** Projections: event processors that turn the event stream into read models and outgoing streams. */
@NullMarked
package io.emporium.projections;

import org.jspecify.annotations.NullMarked;
