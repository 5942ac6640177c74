package io.emporium.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * How far the engine's read models have come, observed from outside: documents in the product index, and the
 * position of every event processor in its token. A scenario that writes history waits on these before it measures,
 * so that no catch-up work runs under its load or the next scenario's.
 */
final class ReadModels {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

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

    /**
     * Waits until every event processor's token is at or past {@code position}.
     *
     * @return the processors still behind when {@code limit} passed, with their position; empty if none
     */
    List<String> awaitProcessors(Connection connection, long position, Duration limit) throws SQLException {
        var deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var behind = behind(connection, position);
            if (behind.isEmpty() || System.nanoTime() > deadline) {
                return behind;
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
        if (response.statusCode() == 404) {
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

    /** Segments whose token is before {@code position}, as "processor: lowest position of its segments". */
    private static List<String> behind(Connection connection, long position) throws SQLException {
        var lowest = new TreeMap<String, Long>();
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(
                "select processor_name, token from token_entry where token is not null")) {
            while (rows.next()) {
                var matcher = INDEX.matcher(new String(rows.getBytes(2), StandardCharsets.UTF_8));
                var index = -1L;
                while (matcher.find()) {
                    index = Math.max(index, Long.parseLong(matcher.group(1)));
                }
                lowest.merge(rows.getString(1), index, Math::min);
            }
        }
        var behind = new ArrayList<String>();
        lowest.forEach((processor, index) -> {
            if (index < position) {
                behind.add(String.format(Locale.ROOT, "%s at %,d", processor, index));
            }
        });
        return behind;
    }
}
