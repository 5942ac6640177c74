package io.emporium.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * How far the product index has come, observed from outside: a scenario that writes a catalog waits until it is
 * searchable before it measures (and on the {@link Backlog} of every processor).
 */
final class ReadModels {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final URI elasticsearch;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ReadModels(URI elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /**
     * Waits until the product index's alias finds {@code active} products on sale with SKUs starting with
     * {@code prefix}, {@code stocked} of them in stock.
     *
     * @return how long it waited
     * @throws IllegalStateException if that takes longer than {@code limit}
     */
    Duration awaitSearchable(String prefix, long active, long stocked, Duration limit)
            throws IOException, InterruptedException {
        var start = System.nanoTime();
        var deadline = start + limit.toNanos();
        while (true) {
            var onSale = count(prefix, false);
            if (onSale >= active && count(prefix, true) >= stocked) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the products alias holds %,d of %,d "
                        + "products on sale after %d s; documents of those SKUs by status: %s", onSale, active,
                        limit.toSeconds(), statuses(prefix)));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private long count(String prefix, boolean inStock) throws IOException, InterruptedException {
        var query = """
                {"query":{"bool":{"filter":[{"prefix":{"sku":"%s"}},{"term":{"status":"ACTIVE"}}%s]}}}"""
                .formatted(prefix, inStock ? ",{\"term\":{\"inStock\":true}}" : "");
        var response = http.send(HttpRequest.newBuilder(elasticsearch.resolve("/products/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        // Missing, or not yet allocated: a new index's shard starts a while after the index is created.
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return 0;
        }
        var matcher = COUNT.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("Elasticsearch answered a count with " + response.statusCode() + ": "
                    + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** What the index holds for SKUs starting with {@code prefix}: Elasticsearch's answer, for an error message. */
    private String statuses(String prefix) throws IOException, InterruptedException {
        var query = """
                {"size":0,"query":{"prefix":{"sku":"%s"}},"aggs":{"status":{"terms":{"field":"status"}},\
                "inStock":{"terms":{"field":"inStock"}}}}""".formatted(prefix);
        var response = http.send(HttpRequest.newBuilder(elasticsearch.resolve("/products/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().replaceAll("\\s+", "");
    }
}
