/**
 * An Elasticsearch plugin that gives the minimal integ-test distribution the parts of a full node Emporium relies on.
 */
@org.jspecify.annotations.NullMarked
package io.emporium.esplugin;
