/**
 * The {@code GET /} and {@code HEAD /} endpoints clients use to identify and ping a node.
 */
@org.jspecify.annotations.NullMarked
package io.emporium.esplugin.rest;
