package io.emporium.app;

import io.emporium.contracts.cart.CartEvent.CartCreated;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event appended in a transaction that a test holds open: its position is taken, so every event committed after
 * it lies beyond a gap in the stream until the test lets it commit, as a slow writer's event would.
 */
final class LateEvent implements AutoCloseable {

    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> committed;

    /** Appends a new cart's creation and returns once it holds its position, uncommitted. */
    LateEvent(PlatformTransactionManager transactions, EventStorageEngine events) throws InterruptedException {
        var cartId = "cart-late-" + UUID.randomUUID();
        var appended = new CountDownLatch(1);
        committed = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(
                transaction -> {
                    events.appendEvents(new GenericDomainEventMessage<>("Cart", cartId, 0,
                            new CartCreated(cartId, "customer-late")));
                    appended.countDown();
                    try {
                        if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the late event was never let commit");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }));
        if (!appended.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            committed.join(); // tells why it was not appended
        }
    }

    /** Lets the event commit and waits until it has: the gap is filled. Later calls do nothing. */
    void commit() {
        release.countDown();
        committed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    boolean isCommitted() {
        return committed.isDone() && !committed.isCompletedExceptionally();
    }

    @Override
    public void close() {
        release.countDown();
    }
}
