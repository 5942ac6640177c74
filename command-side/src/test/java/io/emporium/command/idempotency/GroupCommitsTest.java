package io.emporium.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which requests share a transaction, and what each is told when its transaction fails. */
class GroupCommitsTest {

    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final List<Integer> failedBatches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private volatile String failWhenBatchHolds = "";
    /** A batch holding this key stops between handing the turn over and its commit, until released. */
    private volatile String holdCommitOf = "";
    private final CountDownLatch commitHeld = new CountDownLatch(1);
    private final CountDownLatch releaseCommit = new CountDownLatch(1);
    private GroupCommits groupCommits = start(1, 64);

    @AfterEach
    void stop() {
        groupCommits.close();
    }

    private GroupCommits start(int writers, int batchSize) {
        GroupCommits.Transaction commit = (batch, onlyCommitLeft) -> {
            var keys = batch.stream().map(queued -> queued.request().key()).toList();
            if (transactions.isEmpty() && firstBatchHeld.getCount() > 0) {
                firstBatchHeld.countDown();
                await(releaseFirstBatch);
            }
            if (keys.contains(failWhenBatchHolds)) {
                throw new IllegalStateException("rolled back");
            }
            onlyCommitLeft.run();
            if (keys.contains(holdCommitOf)) {
                commitHeld.countDown();
                await(releaseCommit);
            }
            transactions.add(keys);
            return keys.stream().<IdempotencyReply>map(key ->
                    new IdempotencyReply.Executed(new StoredResponse(201, Map.of(), key))).toList();
        };
        return new GroupCommits(writers, batchSize, commit, new GroupCommits.BatchMetrics() {
            @Override
            public void committed(int requests) {}

            @Override
            public void failed(int requests) {
                failedBatches.add(requests);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mono<Optional<IdempotencyReply>> submit(String key, String aggregateId) {
        return Mono.create(sink -> groupCommits.submit(new GroupCommits.Queued(new IdempotentRequest(key, "hash-" + key),
                aggregateId, () -> { throw new AssertionError("the commit function runs the work"); }, null, sink)));
    }

    /** Holds the writer in a first transaction, queues the given requests behind it, then lets everything run. */
    private List<Optional<IdempotencyReply>> queuedBehindABusyWriter(List<String[]> requests) {
        var first = submit("warm-up", "aggregate-0").toFuture();
        await(firstBatchHeld);
        var replies = requests.stream().map(request -> submit(request[0], request[1]).toFuture()).toList();
        releaseFirstBatch.countDown();
        assertThat(first.join()).isPresent();
        return replies.stream().map(reply -> reply.orTimeout(10, TimeUnit.SECONDS).join()).toList();
    }

    private static String body(Optional<IdempotencyReply> reply) {
        return ((IdempotencyReply.Executed) reply.orElseThrow()).response().body();
    }

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {1, 4})
    void requestsArrivingWhileATransactionIsWrittenShareTheNextOneWhateverTheWriters(int writers) {
        groupCommits.close();
        groupCommits = start(writers, 64);
        var replies = queuedBehindABusyWriter(List.of(new String[] {"a", "order-a"}, new String[] {"b", "order-b"},
                new String[] {"c", "order-c"}));

        // With several writers the warm-up's commit and the next batch's run side by side, in either order.
        assertThat(transactions).containsExactlyInAnyOrder(List.of("warm-up"), List.of("a", "b", "c"));
        assertThat(replies).map(GroupCommitsTest::body).containsExactly("a", "b", "c");
    }

    @Test
    void theNextBatchIsWrittenWhileTheLastOneWaitsForItsCommit() {
        groupCommits.close();
        groupCommits = start(2, 64);
        releaseFirstBatch.countDown();
        holdCommitOf = "slow";
        var slow = submit("slow", "order-slow").toFuture();
        await(commitHeld);

        var next = submit("next", "order-next").toFuture().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(slow).isNotDone();
        releaseCommit.countDown();

        assertThat(body(next)).isEqualTo("next");
        assertThat(body(slow.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo("slow");
        assertThat(transactions).containsExactly(List.of("next"), List.of("slow"));
    }

    @Test
    void aSecondRequestOnTheSameAggregateRunsAloneSoThatEachAnswersWithItsOwnVersion() {
        var replies = queuedBehindABusyWriter(List.of(new String[] {"a", "cart-1"}, new String[] {"b", "cart-1"},
                new String[] {"c", "cart-2"}));

        assertThat(transactions).containsExactly(List.of("warm-up"), List.of("a", "c"));
        assertThat(replies.get(1)).isEmpty();
        assertThat(body(replies.get(0))).isEqualTo("a");
        assertThat(body(replies.get(2))).isEqualTo("c");
    }

    @Test
    void aKeyIsClaimedByOneTransactionAtATime() {
        var replies = queuedBehindABusyWriter(List.of(new String[] {"a", "order-a"}, new String[] {"a", "order-x"},
                new String[] {"b", "order-b"}));

        assertThat(transactions).containsExactly(List.of("warm-up"), List.of("a", "b"));
        assertThat(replies.get(1)).isEmpty();
    }

    @Test
    void whenABatchRollsBackEveryRequestInItIsToldToRunAlone() {
        failWhenBatchHolds = "b";
        var replies = queuedBehindABusyWriter(List.of(new String[] {"a", "order-a"}, new String[] {"b", "order-b"}));

        assertThat(replies).containsOnly(Optional.empty());
        assertThat(failedBatches).containsExactly(2);
        assertThat(transactions).containsExactly(List.of("warm-up"));
    }

    @Test
    void noBatchHoldsMoreThanTheConfiguredNumberOfRequests() {
        groupCommits.close();
        groupCommits = start(1, 3);
        var keys = new ArrayList<String[]>();
        for (var i = 0; i < 10; i++) {
            keys.add(new String[] {"k" + i, "order-" + i});
        }
        var replies = queuedBehindABusyWriter(keys);

        assertThat(replies).allMatch(Optional::isPresent);
        assertThat(transactions).allMatch(batch -> batch.size() <= 3);
        assertThat(transactions.stream().mapToInt(List::size).sum()).isEqualTo(11);
    }

    @Test
    void afterClosingNothingWaitsForAWriter() {
        groupCommits.close();
        var reply = Flux.range(0, 5).flatMap(i -> submit("late-" + i, "order-" + i)).collectList()
                .block(Duration.ofSeconds(5));
        assertThat(reply).hasSize(5).containsOnly(Optional.empty());
    }
}
