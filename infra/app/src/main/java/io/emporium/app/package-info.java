/** The engine process: every role, or the ones its configuration enables, in one Spring Boot application. */
@NullMarked
package io.emporium.app;

import org.jspecify.annotations.NullMarked;
