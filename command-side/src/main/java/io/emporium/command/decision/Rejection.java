package io.emporium.command.decision;

/**
 * A business "no": the command was understood and refused by the rules of the shop, such as a price change for a
 * discontinued product. A value, not an exception: nothing is broken.
 *
 * @param reason stable, machine-readable code clients can act on (e.g. {@code PRODUCT_DISCONTINUED})
 * @param detail the same for a person
 */
public record Rejection(String reason, String detail) {}
