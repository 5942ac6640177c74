package io.emporium.projections.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class DeadLetterPolicyTest {

    private static final DeadLetterProperties SETTINGS =
            new DeadLetterProperties(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    private final DeadLetterPolicy policy = new DeadLetterPolicy("order-views", SETTINGS);
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("order placed");

    @Test
    void anEventThatFailsOnItsOwnBecomesADeadLetterWithItsCauseAndNoRetriesYet() {
        var decision = policy.decide(new GenericDeadLetter<>("order-1", event), new IllegalStateException("bug"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause).hasMessage("bug"));
        var letter = decision.withDiagnostics(new GenericDeadLetter<>("order-1", event));
        assertThat(letter.diagnostics()).containsEntry("retries", 0L).containsEntry("attempts", 4L);
    }

    @Test
    void aDocumentElasticsearchRefusesIsTheEventsOwnFailure() {
        var refused = new ElasticsearchException("index", ErrorResponse.of(response -> response.status(400)
                .error(error -> error.type("document_parsing_exception").reason("failed to parse field"))));

        assertThat(policy.decide(new GenericDeadLetter<>("order-1", event), refused).shouldEnqueue()).isTrue();
    }

    @Test
    void anOutageNeverParksAnEventButFailsTheBatchSoThatItIsRetried() {
        var outages = new Exception[] {
                new UncheckedIOException(new ConnectException("Connection refused")),
                new CannotGetJdbcConnectionException("pool exhausted"),
                new UncategorizedSQLException("insert", "insert into order_view",
                        new SQLException("terminating connection due to administrator command", "57P01")),
                new UncategorizedSQLException("update", "update order_view",
                        new SQLException("deadlock detected", "40P01")),
                new ElasticsearchException("bulk", ErrorResponse.of(response -> response.status(429)
                        .error(error -> error.type("es_rejected_execution_exception").reason("queue full")))),
                new RetriedInSavepoints.EventNotIsolated(new SQLException("connection closed", "08003"))};

        for (var outage : outages) {
            assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("order-1", event), outage))
                    .isInstanceOf(DeadLetterPolicy.ProcessingStalled.class).hasCause(outage);
        }
    }

    @Test
    void anEventThatFailedOutsideASavepointIsNotParkedButFailsItsBatchToRunAgainInOne() {
        var needed = new RetriedInSavepoints.IsolationNeeded(event.getIdentifier(), new IllegalStateException("bug"));

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("order-1", event), needed)).isSameAs(needed);
    }

    @Test
    void aFailedSqlStatementOfTheEventsOwnIsNoOutage() {
        var tooLong = new UncategorizedSQLException("insert", "insert into order_view",
                new SQLException("value too long for type character varying(32)", "22001"));

        assertThat(policy.decide(new GenericDeadLetter<>("order-1", event), tooLong).shouldEnqueue()).isTrue();
    }

    @Test
    void aDeadLetterRetriedAndFailingAgainStaysQueuedWithTheNewCauseAndOneMoreRetry() {
        DeadLetter<EventMessage<?>> queued = new GenericDeadLetter<EventMessage<?>>("order-1", event,
                new IllegalStateException("first")).withDiagnostics(MetaData.with("retries", 2L));
        var retry = DefaultUnitOfWork.startAndGet(event);
        retry.resources().put(DeadLetter.class.getName(), queued);
        try {
            // Even an outage: the operator's retry is not the processor's batch, so there is nothing to fail.
            var decision = policy.decide(queued, new ConnectException("still down"));

            assertThat(decision.shouldEnqueue()).isTrue();
            assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause).hasMessage("still down"));
            assertThat(decision.withDiagnostics(queued).diagnostics()).containsEntry("retries", 3L);
        } finally {
            retry.rollback();
        }
    }

    @Test
    void pausesBetweenAttemptsDoubleUpToTheLongestAllowed() {
        var settings = new DeadLetterProperties(6, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(settings.pauseBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.pauseBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.pauseBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.pauseBefore(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.pauseBefore(6)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.attempts()).isEqualTo(7);
    }
}
