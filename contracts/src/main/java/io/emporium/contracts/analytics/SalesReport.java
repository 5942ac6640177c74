package io.emporium.contracts.analytics;

import io.emporium.contracts.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * Sales of confirmed orders, net of orders cancelled after confirmation, per product and hour or UTC day. A product
 * sold in two currencies appears once per currency: amounts in different currencies are never added.
 *
 * @param period   HOUR or DAY
 * @param from     start of the first bucket, inclusive
 * @param to       end of the last bucket, exclusive
 * @param products one SKU's sales, or the best sellers by units, then revenue
 */
public record SalesReport(String period, Instant from, Instant to, List<ProductSales> products) {

    public SalesReport {
        products = List.copyOf(products);
    }

    /**
     * One product's sales in one currency over the whole range, and per bucket.
     *
     * @param orders  confirmed orders that held the product
     * @param buckets only the hours or days in which the product sold, oldest first
     */
    public record ProductSales(String sku, long units, Money revenue, long orders, List<Bucket> buckets) {

        public ProductSales {
            buckets = List.copyOf(buckets);
        }
    }

    /** @param start the first instant of the hour or UTC day */
    public record Bucket(Instant start, long units, Money revenue, long orders) {}
}
