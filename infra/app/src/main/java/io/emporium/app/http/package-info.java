/** What every HTTP request of the engine goes through, whatever role answers it. */
@NullMarked
package io.emporium.app.http;

import org.jspecify.annotations.NullMarked;
