/** Health checks that really ask each server, for readiness probes. */
@NullMarked
package io.emporium.app.health;

import org.jspecify.annotations.NullMarked;
