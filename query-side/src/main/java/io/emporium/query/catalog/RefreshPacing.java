package io.emporium.query.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
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
 * share one: 1,000 hot pages read at 9,000/s in 20 s rounds took 590-621 reads a round, nearly all of one page, and
 * take 133-201 reads of three now (throwaway driver, issue 4's note of 2026-12-07).
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
    /** The refreshes waiting for their window, by window. */
    private final Map<Long, List<Runnable>> due = new HashMap<>();

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
        var refreshed = new CompletableFuture<T>();
        Runnable begin = () -> {
            try {
                refresh.get().whenComplete((value, failure) -> {
                    if (failure == null) {
                        refreshed.complete(value);
                    } else {
                        refreshed.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException bug) {
                refreshed.completeExceptionally(bug);
            }
        };
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
            var starts = due.computeIfAbsent(window, ignored -> new ArrayList<>());
            first = starts.isEmpty();
            starts.add(begin);
            target = window;
            delay = window * windowNanos - now;
        }
        if (first) {
            scheduler.schedule(() -> startWindow(target), delay, TimeUnit.NANOSECONDS);
        }
        return refreshed;
    }

    private void startWindow(long started) {
        List<Runnable> starts;
        synchronized (this) {
            starts = due.remove(started);
        }
        if (starts != null) {
            together.accept(() -> starts.forEach(Runnable::run));
        }
    }

    private int room() {
        return Math.max(1, perWindow.getAsInt());
    }
}
