/**
 * The analysis-common token filters and tokenizers Emporium's indices use, under their official names and options.
 */
@org.jspecify.annotations.NullMarked
package io.emporium.esplugin.analysis;
