/** The hash chain that makes any later change to the stored events evident: hashing links and verifying them. */
@NullMarked
package io.emporium.audit.chain;

import org.jspecify.annotations.NullMarked;
