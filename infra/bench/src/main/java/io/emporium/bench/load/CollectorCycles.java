package io.emporium.bench.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * When the generator's own garbage collector ran. The suite runs on ZGC, whose cycles run beside the generator's
 * threads instead of stopping them, so {@link Hiccups} cannot see them; but their threads take cores the engine
 * needs. In the slices where product page rounds had their bursts, the generator's process used 570-820 ms of core
 * time against 435-566 in its rounds' average second, while the engine's stayed nearer its own (bench full 2 of
 * 20261207-232915, its log's open rounds): whether its collector was running then shows here.
 */
public final class CollectorCycles implements AutoCloseable {

    private final List<Cycle> cycles = new ArrayList<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    CollectorCycles() {}

    /** Starts listening to every collector of this JVM. */
    public static CollectorCycles start() {
        var recorder = new CollectorCycles();
        var jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        NotificationListener listener = (notification, handback) -> recorder.notified(notification, jvmStart);
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            // ZGC reports its pauses apart and again within its cycles: only the cycles are counted.
            if (collector instanceof NotificationEmitter emitter && !collector.getName().endsWith("Pauses")) {
                emitter.addNotificationListener(listener, null, null);
                recorder.unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        return recorder;
    }

    private void notified(Notification notification, long jvmStartMillis) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        var gc = info.getGcInfo();
        add(LatencyTimeline.secondsAt(Instant.ofEpochMilli(jvmStartMillis + gc.getStartTime())),
                LatencyTimeline.secondsAt(Instant.ofEpochMilli(jvmStartMillis + gc.getEndTime())));
    }

    /** A cycle from {@code start} to {@code end}, on the latency timelines' axis (seconds since the suite started). */
    void add(double start, double end) {
        synchronized (cycles) {
            cycles.add(new Cycle(start, end));
        }
    }

    /** Forgets the cycles so far: {@link #sinceMark()} counts from here. */
    public void mark() {
        synchronized (cycles) {
            cycles.clear();
        }
    }

    /** The cycles that ended since the last {@link #mark()}. */
    public Ran sinceMark() {
        synchronized (cycles) {
            return new Ran(cycles.size(), cycles.stream().mapToDouble(cycle -> cycle.end() - cycle.start()).sum()
                    * 1000);
        }
    }

    /**
     * How long a cycle ran between two moments on the latency timelines' axis, in milliseconds, of the cycles that
     * ended since the last {@link #mark()}.
     */
    public double millisBetween(double from, double to) {
        synchronized (cycles) {
            return cycles.stream()
                    .mapToDouble(cycle -> Math.max(0, Math.min(to, cycle.end()) - Math.max(from, cycle.start())))
                    .sum() * 1000;
        }
    }

    /**
     * What the collector ran over some time.
     *
     * @param cycles how many cycles ended
     * @param millis how long they ran, from start to end, in milliseconds
     */
    public record Ran(int cycles, double millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "the generator's collector ran %d %s for %,.0f ms", cycles,
                    cycles == 1 ? "cycle" : "cycles", millis);
        }
    }

    private record Cycle(double start, double end) {}

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
