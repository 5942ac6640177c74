package io.emporium.projections.search;

import java.util.List;

/** An order as support staff search it: by customer, SKU, status or amount. */
record OrderDocument(String orderId, String customerId, String status, List<String> skus, long totalMinor,
                     String currency, String placedAt, long position) {}
