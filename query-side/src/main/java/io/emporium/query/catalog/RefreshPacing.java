package io.emporium.query.catalog;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Spreads the refreshes of pages that come due together: at most {@code perWindow} start in each window of time (asked
 * anew for each window), the others in the next windows with room. A refresh only guards against a change notice
 * that never arrived (changed pages are evicted at once), and readers are answered from memory while it waits, so
 * waiting costs nothing but staleness that eviction already bounds.
 *
 * <p>Why: after a while without reads (the benchmark's search steps, a quiet night) every page whose refresh age
 * passed meanwhile is refreshed by its first reader, all within a fraction of a second. 1,000 hot pages read at
 * 8,659/s in 15 s steps after 15 s of searches, refresh age 20 s (throwaway driver, issue 4's note of 2026-12-05):
 * the worst 100 ms p99 of each step's first second was 9.7-96 ms, over 18 ms in 11 of 12 steps; with refreshes
 * off 1.6-8.6 ms; paced at 200 a second 5.5-22 ms, over 15 ms in 1 of 8.
 */
final class RefreshPacing {

    private final long windowNanos;
    private final IntSupplier perWindow;
    private final Scheduler scheduler;
    /** The latest window a refresh was given, how many it has, and how many it may have. */
    private long window = Long.MIN_VALUE;
    private int given;
    private int room;

    RefreshPacing(Duration window, IntSupplier perWindow, Scheduler scheduler) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("refreshes need a positive window");
        }
        this.windowNanos = window.toNanos();
        this.perWindow = perWindow;
        this.scheduler = scheduler;
    }

    /** Starts the refresh in the first window with room: at once, or later on the scheduler. */
    <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> refresh) {
        long delay;
        synchronized (this) {
            var now = scheduler.now(TimeUnit.NANOSECONDS);
            var current = Math.floorDiv(now, windowNanos);
            if (window < current) {
                window = current;
                given = 0;
                room = room();
            } else if (given >= room) {
                window++;
                given = 0;
                room = room();
            }
            given++;
            delay = window == current ? 0 : window * windowNanos - now;
        }
        return delay <= 0 ? refresh.get()
                : Mono.delay(Duration.ofNanos(delay), scheduler).toFuture().thenCompose(ignored -> refresh.get());
    }

    private int room() {
        return Math.max(1, perWindow.getAsInt());
    }
}
