/** What every stored event records about its origin for auditors: the command that caused it and who sent that. */
@NullMarked
package io.emporium.app.audit;

import org.jspecify.annotations.NullMarked;
