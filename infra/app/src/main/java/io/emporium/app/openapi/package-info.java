/** The OpenAPI document of everything the engine serves, at /v3/api-docs (and /swagger-ui.html). */
@NullMarked
package io.emporium.app.openapi;

import org.jspecify.annotations.NullMarked;
