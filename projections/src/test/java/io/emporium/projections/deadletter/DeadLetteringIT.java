package io.emporium.projections.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.eventstore.EventStoreConfiguration;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.RealDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-lettering invoker of the read-model processors, on a real PostgreSQL: a batch is one transaction, in
 * which a failed SQL statement would abort everything after it and a handler that throws after writing would leave
 * half its rows. A failing event's savepoint, when its batch runs again, keeps both from happening.
 */
class DeadLetteringIT {

    private static final DeadLetterProperties SETTINGS =
            new DeadLetterProperties(2, Duration.ofMillis(1), Duration.ofMillis(4));

    private static JdbcTemplate jdbc;
    private static TransactionTemplate batch;
    private static SpringTransactionManager axonTransactions;
    private static DataSource dataSource;

    private final String processor = "dead-lettering-test-" + UUID.randomUUID();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong batchRuns = new AtomicLong();
    private DeadLetteringEventHandlerInvoker invoker;

    /** A read model of one table, which fails after writing for poisoned orders, with a broken SQL statement. */
    final class OrderRows {
        @EventHandler
        void on(String order, @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long position) {
            attempts.incrementAndGet();
            jdbc.update("insert into dead_lettering_test_row (order_id, event, position) values (?, ?, ?)",
                    aggregateOf(order), order, position);
            if (poisoned.contains(aggregateOf(order))) {
                jdbc.queryForObject("select 1 / 0", Integer.class);
            }
        }
    }

    @BeforeAll
    static void realDatabase() {
        jdbc = RealDatabase.migrated();
        dataSource = Objects.requireNonNull(jdbc.getDataSource());
        jdbc.execute("""
                create table if not exists dead_lettering_test_row (
                    order_id varchar(64) not null, event varchar(64) primary key, position bigint)
                """);
        var transactions = new JdbcTransactionManager(dataSource);
        batch = new TransactionTemplate(transactions);
        axonTransactions = new SpringTransactionManager(transactions);
    }

    @BeforeEach
    void invoker() {
        var schema = EventStoreConfiguration.deadLetterSchema();
        var serializer = DeadLetterProcessing.deadLetterSerializer();
        var queue = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processor)
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(axonTransactions)
                .schema(schema)
                .statementFactory(new ClaimableSequences<>(schema, serializer))
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(new OrderRows())
                .parameterResolverFactory(ClasspathParameterResolverFactory.forClass(OrderRows.class))
                .handlerDefinition(new RetriedInSavepoints(ClasspathHandlerDefinition.forClass(OrderRows.class),
                        dataSource, SETTINGS))
                .queue(queue)
                .enqueuePolicy(new DeadLetterPolicy(processor, SETTINGS))
                .transactionManager(axonTransactions)
                .build();
    }

    /** An order's event "{order}:{step}" at a global position, as the processor would see it. */
    private static EventMessage<?> event(String order, int step, long position) {
        return new GenericDomainEventMessage<>("Order", order, step, order + ":" + step,
                MetaData.with(PrefetchingEventSource.GLOBAL_INDEX, position));
    }

    private static String aggregateOf(String event) {
        return event.substring(0, event.indexOf(':'));
    }

    /**
     * Handles the events in one transaction, as one batch of the processor, and runs the batch again, as the
     * processor does after its back-off, when an event failed outside a savepoint.
     */
    private void batch(EventMessage<?>... events) {
        for (var run = 1; ; run++) {
            try {
                runBatch(events);
                return;
            } catch (RetriedInSavepoints.IsolationNeeded needed) {
                assertThat(run).as("runs of one batch, at most one per failing event").isLessThanOrEqualTo(events.length);
            }
        }
    }

    private void runBatch(EventMessage<?>... events) {
        batchRuns.incrementAndGet();
        batch.executeWithoutResult(status -> {
            for (var event : events) {
                try {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
    }

    private List<String> rows(String order) {
        return jdbc.queryForList("select event from dead_lettering_test_row where order_id = ? order by event",
                String.class, order);
    }

    private List<Map<String, Object>> letters() {
        return jdbc.queryForList("""
                select sequence_identifier, aggregate_identifier, sequence_number, cause_type, cause_message
                  from dead_letter_entry where processing_group = ? order by sequence_identifier, sequence_index
                """, processor);
    }

    @Test
    void aBatchWhoseEventsAllApplyRunsOnceWithEveryRowCommitted() {
        var first = "order-" + UUID.randomUUID();
        var second = "order-" + UUID.randomUUID();

        batch(event(first, 0, 1), event(second, 0, 2), event(first, 1, 3));

        assertThat(batchRuns).hasValue(1);
        assertThat(attempts).hasValue(3);
        assertThat(rows(first)).containsExactly(first + ":0", first + ":1");
        assertThat(rows(second)).containsExactly(second + ":0");
        assertThat(letters()).isEmpty();
    }

    @Test
    void aPoisonedEventLeavesNoRowWhileTheRestOfItsBatchAndItsDeadLetterCommit() {
        var before = "order-" + UUID.randomUUID();
        var poisonedOrder = "order-" + UUID.randomUUID();
        var after = "order-" + UUID.randomUUID();
        poisoned.add(poisonedOrder);

        batch(event(before, 0, 10), event(poisonedOrder, 0, 11), event(after, 0, 12), event(poisonedOrder, 1, 13));

        assertThat(rows(before)).containsExactly(before + ":0");
        assertThat(rows(after)).containsExactly(after + ":0");
        assertThat(rows(poisonedOrder)).isEmpty();
        // The first run stops at the poisoned event, which failed outside a savepoint. The second run tries it in
        // savepoints, first attempt and two retries; the event behind it waits without an attempt.
        assertThat(batchRuns).hasValue(2);
        assertThat(attempts).hasValue(2 + 2 + SETTINGS.attempts());
        assertThat(letters()).satisfiesExactly(
                failed -> assertThat(failed).containsEntry("sequence_identifier", poisonedOrder)
                        .containsEntry("aggregate_identifier", poisonedOrder).containsEntry("sequence_number", 0L)
                        .containsEntry("cause_type", "org.springframework.dao.DataIntegrityViolationException")
                        .hasEntrySatisfying("cause_message", message -> assertThat((String) message)
                                .contains("division by zero")),
                waiting -> assertThat(waiting).containsEntry("sequence_number", 1L).containsEntry("cause_type", null));
    }

    @Test
    void aDeadLetterRetriedOnceItsCauseIsFixedAppliesItsSequenceInOrderAtItsOwnPositionsAndLeavesTheQueue() {
        var order = "order-" + UUID.randomUUID();
        poisoned.add(order);
        batch(event(order, 0, 21), event(order, 1, 22));

        assertThat(invoker.process(letter -> true)).isFalse();
        assertThat(rows(order)).isEmpty();
        var firstLetter = jdbc.queryForList("select diagnostics from dead_letter_entry where processing_group = ?"
                + " order by sequence_index limit 1", byte[].class, processor);
        assertThat(firstLetter).singleElement()
                .satisfies(diagnostics -> assertThat(new String(diagnostics)).contains("\"retries\":1"));

        poisoned.remove(order);
        assertThat(invoker.process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                && jdbcLetter.getSequenceIdentifier().equals(order))).isTrue();

        assertThat(rows(order)).containsExactly(order + ":0", order + ":1");
        assertThat(jdbc.queryForList("select position from dead_lettering_test_row where order_id = ? order by event",
                Long.class, order)).containsExactly(21L, 22L);
        assertThat(letters()).isEmpty();
    }

    @Test
    void laterEventsOfAParkedOrderWaitBehindItWhileOtherOrdersFlow() {
        var parked = "order-" + UUID.randomUUID();
        var other = "order-" + UUID.randomUUID();
        poisoned.add(parked);
        batch(event(parked, 0, 31));
        poisoned.remove(parked);

        batch(event(parked, 1, 32), event(other, 0, 33));

        assertThat(rows(parked)).isEmpty();
        assertThat(rows(other)).containsExactly(other + ":0");
        assertThat(letters()).extracting(letter -> letter.get("sequence_number")).containsExactly(0L, 1L);
    }
}
