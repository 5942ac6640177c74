package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests that arrive together are committed together, and each still gets the answer it would have got alone:
 * its own aggregate version, the position of its own last event, its own stored response. The streams of a batch's
 * aggregates are read in one query (products have no aggregate cache, so every change reads its stream).
 */
@EngineIT
class GroupCommitIT {

    private static final int CONCURRENT = 64;

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired MeterRegistry meters;

    private record Answer(String sku, String key, int status, String etag, long position) {}

    private static String product(String sku) {
        return """
                {"sku": "%s", "name": "Mug", "description": "Stoneware", "category": "kitchen",
                 "attributes": {}, "price": {"amount": 1250, "currency": "EUR"}}
                """.formatted(sku);
    }

    private Answer send(HttpMethod method, String path, String body, String sku) {
        var key = EmporiumClient.newKey();
        var result = new EmporiumClient(http).send(method, path, body, key, null).expectBody(String.class)
                .returnResult();
        var headers = result.getResponseHeaders();
        return new Answer(sku, key, result.getStatus().value(), Objects.requireNonNull(headers.getETag()),
                Long.parseLong(Objects.requireNonNull(headers.getFirst("Emporium-Position"))));
    }

    private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        var results = new ArrayList<T>();
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
        }
        return results;
    }

    /** {@value #CONCURRENT} new products, defined all at once. */
    private List<Answer> productsDefinedTogether() throws Exception {
        var calls = new ArrayList<Callable<Answer>>();
        for (var i = 0; i < CONCURRENT; i++) {
            var sku = "GC-" + UUID.randomUUID().toString().substring(0, 8);
            calls.add(() -> send(POST, "/products", product(sku), sku));
        }
        return allAtOnce(calls);
    }

    @Test
    void productsDefinedTogetherShareTransactionsYetEachAnswersWithItsOwnEvent() throws Exception {
        var batchesBefore = meters.summary("emporium.commands.batch.size").count();
        var prefetchedBefore = meters.get("emporium.eventstore.streams.prefetched").functionCounter().count();
        var answers = productsDefinedTogether();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.etag()).isEqualTo("\"0\"");
            assertThat(answer.position()).isEqualTo(jdbc.queryForObject("""
                    select global_index from domain_event_entry where aggregate_identifier = ?
                    """, Long.class, "product:" + answer.sku()));
            assertThat(jdbc.queryForObject("select response_status from idempotency_key where idempotency_key = ?",
                    Integer.class, answer.key())).isEqualTo(201);
        });
        var batches = meters.summary("emporium.commands.batch.size");
        assertThat(batches.count() - batchesBefore).as("transactions for %d requests", CONCURRENT)
                .isLessThan(CONCURRENT);
        // Each definition loads its (empty) stream first; in a batch, those loads were served by one query.
        assertThat(meters.get("emporium.eventstore.streams.prefetched").functionCounter().count()
                - prefetchedBefore).as("loads served from a batch's query").isPositive();
    }

    /**
     * A key's claim and its answer are one row written twice in one transaction; the answer must fit beside the claim
     * (a heap-only update, which writes no index entry), as that is what the key table's fill factor is for. Read
     * from the row's own page, where PostgreSQL marks a tuple that a heap-only update made ({@code HEAP_ONLY_TUPLE},
     * 0x8000 in {@code t_infomask2}).
     */
    @Test
    void answersToRequestsCommittedTogetherAreStoredBesideTheirKeysClaimsWithoutNewIndexEntries() throws Exception {
        var answers = productsDefinedTogether();

        jdbc.execute("create extension if not exists pageinspect");
        assertThat(answers).allSatisfy(answer -> assertThat(jdbc.queryForObject("""
                select item.t_infomask2 & 32768 <> 0
                  from idempotency_key as stored,
                       heap_page_items(get_raw_page('idempotency_key', (stored.ctid::text::point)[0]::int)) as item
                 where stored.idempotency_key = ? and item.lp = (stored.ctid::text::point)[1]::int
                """, Boolean.class, answer.key())).as("answer of %s stored by a heap-only update", answer.key())
                .isTrue());
    }

    @Test
    void changesToOneProductArrivingTogetherEachAnswerWithTheVersionTheyMade() throws Exception {
        var sku = "GC-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(POST, "/products", product(sku), sku).status()).isEqualTo(201);
        var calls = new ArrayList<Callable<Answer>>();
        for (var i = 1; i <= 20; i++) {
            var price = "{\"amount\": %d, \"currency\": \"EUR\"}".formatted(1000 + i);
            calls.add(() -> send(PUT, "/products/" + sku + "/price", price, sku));
        }

        var answers = allAtOnce(calls);

        var versions = new HashSet<String>();
        var positions = new HashSet<Long>();
        answers.forEach(answer -> {
            versions.add(answer.etag());
            positions.add(answer.position());
        });
        var expected = new HashSet<String>();
        for (var version = 1; version <= 20; version++) {
            expected.add("\"" + version + "\"");
        }
        assertThat(versions).isEqualTo(expected);
        assertThat(positions).hasSize(20);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.position()).isEqualTo(jdbc.queryForObject("""
                select global_index from domain_event_entry where aggregate_identifier = ? and sequence_number = ?
                """, Long.class, "product:" + sku, Long.parseLong(answer.etag().replace("\"", "")))));
    }
}
