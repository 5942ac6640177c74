package io.emporium.query.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Spreads the refreshes of pages that come due together: at most {@code perWindow} start in each window of time (asked
 * anew for each window), the others in the next windows with room. A refresh only guards against a change notice
 * that never arrived (changed pages are evicted at once), and readers are answered from memory while it waits, so
 * waiting costs nothing but staleness that eviction already bounds.
 *
 * <p>A refresh waits for the start of the next window with room, where every refresh given that window starts
 * together (inside {@code together}, so that their pages are read with one request), on one timer per window.
 *
 * <p>Why: after a while without reads (the benchmark's search steps, a quiet night) every page whose refresh age
 * passed meanwhile is refreshed by its first reader, all within a fraction of a second. 1,000 hot pages read at
 * 8,659/s in 15 s steps after 15 s of searches, refresh age 20 s (throwaway driver, issue 4's note of 2026-12-05):
 * the worst 100 ms p99 of each step's first second was 9.7-96 ms, over 18 ms in 11 of 12 steps; with refreshes
 * off 1.6-8.6 ms; paced at 200 a second 5.5-22 ms, over 15 ms in 1 of 8. Started one by one as they were given
 * room, the refreshes of a window were still a read of the index each, although the window was meant to let them
 * share one: 1,000 hot pages read at 9,000/s, a 20 s round's wave of 603-621 refreshes took 590-621 reads of the
 * index; now 600-603 take 200-201 reads and 397-400 take 133-134 (throwaway driver, issue 4's note of 2026-12-07).
 */
final class RefreshPacing {

    private final long windowNanos;
    private final IntSupplier perWindow;
    private final Scheduler scheduler;
    private final Consumer<Runnable> together;
    /** The latest window a refresh was given, how many it has, and how many it may have. */
    private long window = Long.MIN_VALUE;
    private int given;
    private int room;
    /** The opening of each window refreshes wait for, by window. */
    private final Map<Long, CompletableFuture<@Nullable Void>> due = new HashMap<>();

    /** @param together runs the starts of one window's refreshes, so that they share their reads */
    RefreshPacing(Duration window, IntSupplier perWindow, Scheduler scheduler, Consumer<Runnable> together) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("refreshes need a positive window");
        }
        this.windowNanos = window.toNanos();
        this.perWindow = perWindow;
        this.scheduler = scheduler;
        this.together = together;
    }

    /** Starts the refresh at the start of the first window with room after this moment, on the scheduler. */
    <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> refresh) {
        CompletableFuture<@Nullable Void> opening;
        long target;
        long delay;
        boolean first;
        synchronized (this) {
            var now = scheduler.now(TimeUnit.NANOSECONDS);
            var next = Math.floorDiv(now, windowNanos) + 1;
            if (window < next) {
                window = next;
                given = 0;
                room = room();
            } else if (given >= room) {
                window++;
                given = 0;
                room = room();
            }
            given++;
            var known = due.get(window);
            first = known == null;
            opening = known == null ? new CompletableFuture<>() : known;
            if (first) {
                due.put(window, opening);
            }
            target = window;
            delay = window * windowNanos - now;
        }
        if (first) {
            scheduler.schedule(() -> open(target), delay, TimeUnit.NANOSECONDS);
        }
        return opening.thenCompose(ignored -> refresh.get());
    }

    /** Starts every refresh given the window, together: completing its opening runs them. */
    private void open(long started) {
        CompletableFuture<@Nullable Void> opening;
        synchronized (this) {
            opening = due.remove(started);
        }
        if (opening != null) {
            together.accept(() -> opening.complete(null));
        }
    }

    private int room() {
        return Math.max(1, perWindow.getAsInt());
    }
}
