/** Verifies an exported stretch of the hash chain from a file, with no engine and no database. */
@NullMarked
package io.emporium.audit.offline;

import org.jspecify.annotations.NullMarked;
