/** Published JSON Schemas: the shape of every event that leaves the engine, and of the envelope it travels in. */
@NullMarked
package io.emporium.contracts.schema;

import org.jspecify.annotations.NullMarked;
