package io.emporium.command.checkout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Holds new orders back while this instance's checkout process is behind: the oldest event one of its segments has
 * yet to take is older than {@code emporium.checkout.max-backlog}. An order waits until the process is within the
 * bound again, for at most {@code emporium.checkout.max-wait-for-backlog}, and is then turned away with nothing done.
 *
 * <p>Why: the command side takes orders faster than the process behind it checks them out. With every role, 64
 * users placed 605-713 orders/s in the last benchmark run, while at 200 orders/s the checkout process and the
 * projections already kept both cores busy (issue 3's and 4's notes of 2026-12-05). Unbounded, every order taken
 * beyond that rate joins a backlog that only grows: its stock is reserved and its payment authorized minutes after
 * the customer was told it was placed. Bounded, the shop takes orders at the rate it checks them out, and a burst
 * costs the clients waiting time rather than the orders' checkout.
 *
 * <p>Measured from the segments this instance processes; an instance that runs none holds no order back.
 */
@Component
@ConditionalOnProperty(name = "emporium.roles.checkout.enabled", havingValue = "true", matchIfMissing = true)
public class CheckoutBacklog implements OrderIntake, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckoutBacklog.class);

    /** The gate's state: open, or closed with the sink its waiting orders are let through by. */
    private record Gate(boolean open, Sinks.Empty<Void> reopened) {
        static Gate opened() {
            return new Gate(true, Sinks.empty());
        }
    }

    private final Supplier<Duration> backlog;
    private final Duration maxBacklog;
    private final Duration maxWait;
    private final Duration checkInterval;
    private @Nullable ScheduledExecutorService checks;
    private final AtomicReference<Gate> gate = new AtomicReference<>(Gate.opened());
    private volatile double lastBacklogSeconds;
    /** Only the checks' thread touches it: a database that is down is told of once, not every 50 ms. */
    private boolean unreadable;
    private final Counter heldBack;
    private final Counter turnedAway;

    @Autowired
    CheckoutBacklog(EventProcessingConfiguration processing, JdbcTemplate jdbc, CheckoutProperties properties,
                    MeterRegistry meters, Clock clock) {
        this(() -> oldestUntaken(processing, jdbc, clock), properties, meters);
    }

    CheckoutBacklog(Supplier<Duration> backlog, CheckoutProperties properties, MeterRegistry meters) {
        this.backlog = backlog;
        this.maxBacklog = properties.maxBacklog();
        this.maxWait = properties.maxWaitForBacklog();
        this.checkInterval = properties.backlogCheckInterval();
        Gauge.builder("emporium.checkout.backlog", this, gate -> gate.lastBacklogSeconds).baseUnit("seconds")
                .description("Age of the oldest event the checkout process has yet to take").register(meters);
        this.heldBack = Counter.builder("emporium.checkout.orders.held.back")
                .description("New orders that waited for the checkout process to catch up").register(meters);
        this.turnedAway = Counter.builder("emporium.checkout.orders.turned.away")
                .description("New orders turned away because the checkout process stayed behind").register(meters);
    }

    @Override
    public Mono<Void> roomForAnOrder() {
        return Mono.defer(() -> {
            var current = gate.get();
            if (current.open()) {
                return Mono.empty();
            }
            heldBack.increment();
            return current.reopened().asMono().timeout(maxWait, Mono.error(() -> {
                turnedAway.increment();
                return new CheckoutBehindException(maxWait);
            }));
        });
    }

    /**
     * Checks on a thread of its own: on Spring's one scheduler thread a long sweep of overdue orders or of expired
     * idempotency keys would leave the gate as it was for as long.
     */
    @Override
    public synchronized void start() {
        if (checks == null) {
            checks = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("checkout-backlog").daemon().factory());
            checks.scheduleWithFixedDelay(this::check, 0, checkInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (checks != null) {
            checks.shutdownNow();
            checks = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return checks != null;
    }

    /** Reads the backlog and opens or closes the gate. A failed read keeps the gate as it was. */
    void check() {
        Duration behind;
        try {
            behind = backlog.get();
        } catch (RuntimeException e) {
            if (!unreadable) {
                log.warn("Could not read the checkout process's backlog; new orders are held back or not as before", e);
            }
            unreadable = true;
            return;
        }
        if (unreadable) {
            log.info("The checkout process's backlog is read again");
            unreadable = false;
        }
        lastBacklogSeconds = behind.toNanos() / 1e9;
        if (behind.compareTo(maxBacklog) > 0) {
            gate.updateAndGet(current -> current.open() ? new Gate(false, Sinks.empty()) : current);
        } else {
            var before = gate.getAndUpdate(current -> current.open() ? current : Gate.opened());
            if (!before.open()) {
                before.reopened().tryEmitEmpty();
            }
        }
    }

    /** How long ago the oldest event that a segment of this instance has yet to take was stored; zero if none. */
    private static Duration oldestUntaken(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        var processor = processing.eventProcessor(CheckoutProcessing.PROCESSOR, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return Duration.ZERO;
        }
        var slowest = processor.get().processingStatus().values().stream()
                .filter(status -> !status.isErrorState())
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        if (slowest.isEmpty()) {
            return Duration.ZERO;
        }
        @Nullable String storedAt = jdbc.query("""
                        select timestamp from domain_event_entry where global_index > ?
                         order by global_index limit 1""",
                rows -> rows.next() ? rows.getString(1) : null, slowest.getAsLong());
        if (storedAt == null) {
            return Duration.ZERO;
        }
        var age = Duration.between(Instant.parse(storedAt), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
