package io.emporium.bench.load;

import java.util.function.IntPredicate;

/**
 * One request of a session, with the endpoint its figures are filed under and the statuses that count as success.
 *
 * @param endpoint how the report names the endpoint, such as {@code GET /products/{sku}}
 */
public record Call(String endpoint, Request request, IntPredicate expected) {}
