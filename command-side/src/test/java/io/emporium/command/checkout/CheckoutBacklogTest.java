package io.emporium.command.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** New orders wait while the checkout process is behind, go once it has caught up, and give up after a while. */
class CheckoutBacklogTest {

    private static final Duration MAX_BACKLOG = Duration.ofSeconds(2);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private static final CheckoutProperties PROPERTIES = new CheckoutProperties(Duration.ofMinutes(15),
            Duration.ofSeconds(1), MAX_BACKLOG, MAX_WAIT, Duration.ofMillis(50));

    private final AtomicReference<Duration> behind = new AtomicReference<>(Duration.ZERO);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CheckoutBacklog backlog = new CheckoutBacklog(behind::get, PROPERTIES, meters);

    @Test
    void aNewOrderGoesAtOnceWhileTheProcessKeepsUp() {
        behind.set(Duration.ofMillis(1_500));
        backlog.check();

        StepVerifier.create(backlog.roomForAnOrder()).verifyComplete();
        assertThat(meters.get("emporium.checkout.orders.held.back").counter().count()).isZero();
    }

    @Test
    void aNewOrderWaitsWhileTheProcessIsBehindAndGoesOnceItHasCaughtUp() {
        behind.set(Duration.ofSeconds(3));
        backlog.check();

        StepVerifier.create(backlog.roomForAnOrder())
                .expectSubscription()
                .then(() -> assertThat(meters.get("emporium.checkout.backlog").gauge().value()).isEqualTo(3.0))
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> {
                    behind.set(Duration.ofMillis(200));
                    backlog.check();
                })
                .verifyComplete();
        assertThat(meters.get("emporium.checkout.orders.held.back").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aNewOrderThatWaitedAsLongAsItMayIsTurnedAwayWithNothingDone() {
        behind.set(Duration.ofSeconds(30));
        backlog.check();

        StepVerifier.withVirtualTime(backlog::roomForAnOrder)
                .expectSubscription()
                .expectNoEvent(MAX_WAIT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyError(CheckoutBehindException.class);
        assertThat(meters.get("emporium.checkout.orders.turned.away").counter().count()).isEqualTo(1.0);
    }

    @Test
    void ordersArrivingAfterTheProcessCaughtUpGoAtOnceAgain() {
        behind.set(Duration.ofSeconds(3));
        backlog.check();
        behind.set(Duration.ZERO);
        backlog.check();

        StepVerifier.create(backlog.roomForAnOrder()).verifyComplete();
    }

    @Test
    void aBacklogThatCannotBeReadChangesNothingForNewOrders() {
        var unreadable = new CheckoutBacklog(() -> {
            throw new IllegalStateException("the database is down");
        }, PROPERTIES, new SimpleMeterRegistry());
        unreadable.check();

        StepVerifier.create(unreadable.roomForAnOrder()).verifyComplete();
    }
}
