package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A projection's row and its processor token commit or roll back together: a batch that fails as it commits, after
 * the row was written, leaves neither, and the retry after the failure is gone leaves both. Without a real
 * transaction manager behind Axon (its silent fallback on Spring Boot 4) the row would stay while the token stood
 * still. (A failure inside a handler is dead-lettered instead, in the same transaction: see DeadLetterIT.)
 */
@EngineIT
class ProjectionTransactionIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;

    @Test
    void aProjectionRowAndItsTokenRollBackTogetherAndLaterCommitTogether() {
        var customer = "customer-" + UUID.randomUUID();
        PoisonableProjections.COMMIT_POISONED_CUSTOMERS.add(customer);
        try {
            rollsBackAndRecovers(customer);
        } finally {
            // A customer left poisoned would hold its segment back for every later test.
            PoisonableProjections.COMMIT_POISONED_CUSTOMERS.remove(customer);
        }
    }

    private void rollsBackAndRecovers(String customer) {
        var failuresBefore = PoisonableProjections.COMMIT_FAILURES.get();
        var placed = new EmporiumClient(http)
                .placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, "SKU-MUG", 1, 1250))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        var orderId = json.readTree(placed.getResponseBody()).get("orderId").asString();
        var position = Long.parseLong(
                Objects.requireNonNull(placed.getResponseHeaders().getFirst("Emporium-Position")));

        // Two failed commits: the row was written and rolled back at least twice.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> PoisonableProjections.COMMIT_FAILURES.get() >= failuresBefore + 2);
        assertThat(rowsFor(orderId)).isZero();
        assertThat(tokenIndexOfSegmentOwning(orderId)).isLessThan(position);
        // A batch that cannot commit is retried whole, never dead-lettered.
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier = ?",
                Integer.class, orderId)).isZero();

        PoisonableProjections.COMMIT_POISONED_CUSTOMERS.remove(customer);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(rowsFor(orderId)).isOne();
            assertThat(tokenIndexOfSegmentOwning(orderId)).isGreaterThanOrEqualTo(position);
        });
    }

    private int rowsFor(String orderId) {
        return Objects.requireNonNull(
                jdbc.queryForObject("select count(*) from order_view where order_id = ?", Integer.class, orderId));
    }

    /** The index of the GapAwareTrackingToken stored for the order-views segment that handles this order. */
    private long tokenIndexOfSegmentOwning(String orderId) {
        var segmentIds = jdbc.queryForList(
                "select segment from token_entry where processor_name = 'order-views'", Integer.class).stream()
                .mapToInt(Integer::intValue).toArray();
        for (var segmentId : segmentIds) {
            // computeSegment sorts the array it is given: hand it a copy, or this loop skips segments.
            if (Segment.computeSegment(segmentId, segmentIds.clone()).matches(orderId)) {
                var token = jdbc.queryForObject(
                        "select token from token_entry where processor_name = 'order-views' and segment = ?",
                        byte[].class, segmentId);
                return token == null ? -1 : json.readTree(token).get("index").asLong();
            }
        }
        throw new AssertionError("no order-views segment owns " + orderId);
    }
}
