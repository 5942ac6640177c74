/** Personal data sealed with a key per person, so that erasing a person is destroying one key. */
@NullMarked
package io.emporium.privacy;

import org.jspecify.annotations.NullMarked;
