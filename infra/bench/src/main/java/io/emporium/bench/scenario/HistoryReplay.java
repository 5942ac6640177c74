package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Target;
import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.history.History;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.process.EngineRoles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * Scenario 4: the analytics teams' replay. The whole event history (what scenarios 1-3 and 6 wrote, grown with
 * synthetic orders to the profile's largest store size) is replayed through the engine's ops API into a new, versioned
 * Kafka topic per repetition; the figure is the engine's own count of events published divided by the time from the
 * job's start to its last Kafka commit. Each repetition then rebuilds the order views blue/green from the same
 * history, and that figure is the events the build read divided by the build's time.
 */
final class HistoryReplay implements Scenario.Measurable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a replay may take: a minute, plus 0.2 ms per event (5,000 events/s at the least). */
    private static final Duration LIMIT_BASE = Duration.ofMinutes(1);
    private static final Duration LIMIT_PER_EVENT = Duration.ofNanos(200_000);
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*(\\d+)");
    private static final Pattern RATE = Pattern.compile("\"eventsPerSecond\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern FAILURE = Pattern.compile("\"failure\"\\s*:\\s*\"([^\"]*)\"");
    private static final String LABEL = "whole history into a new topic";
    private static final String REBUILD_LABEL = "order views rebuilt beside the serving ones";
    private static final String REBUILT = "order-views";
    private static final String REBUILD_REQUEST = "{\"projection\": \"" + REBUILT + "\", \"allowDifferences\": true}";
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "Replay of the history into Kafka and into a rebuilt read model";
    }

    @Override
    public EngineRoles roles() {
        return EngineRoles.ALL;
    }

    @Override
    public boolean needsEmptyStore() {
        return false;
    }

    @Override
    public ScenarioResult run(Context context) throws Exception {
        var profile = context.profile();
        var run = UUID.randomUUID().toString().substring(0, 8);
        var steps = new Steps();
        var rebuilds = new Steps();
        var jobSeconds = new ArrayList<String>();
        long events;
        double caughtUpSeconds;
        long warmupEnd;
        var notes = new ArrayList<String>();
        try (var connection = context.servers().connect()) {
            var size = Collections.max(profile.storeSizes());
            if (size > History.size(connection)) {
                notes.add(StoreGrowth.note(StoreGrowth.to(context, connection, size, template(connection))));
            }
            events = History.size(connection);
            warmupEnd = firstThirdEnd(connection);
            // The generated history lies below every processor's token: it stands for events they consumed long
            // ago. What the earlier scenarios left (the checkout process runs behind) is read first: a rebuild
            // compares the new version with the serving one, which must have read what it can first.
            var waiting = System.nanoTime();
            var behind = Backlog.await(context.enginePort(), Backlog.head(connection), CATCH_UP_LIMIT);
            caughtUpSeconds = (System.nanoTime() - waiting) / 1e9;
            if (!behind.isEmpty()) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the projections did not catch up with the history within %d s: %s",
                        CATCH_UP_LIMIT.toSeconds(), String.join(", ", behind)));
            }
            context.say(String.format(Locale.ROOT, "the projections read the history in %.1f s",
                    caughtUpSeconds));
        }
        var limit = LIMIT_BASE.plus(LIMIT_PER_EVENT.multipliedBy(events));
        // The engine has not replayed yet: an unmeasured replay first (a third of the history, enough to compile its
        // path), or round 1 would also time the JIT compiling the replay's code (it ran at half the later rounds'
        // rate).
        var warmup = replay(context.enginePort(), "emporium.history.v1-bench-" + run + "-warmup", limit,
                warmupEnd);
        context.say(String.format(Locale.ROOT, "replay warm-up: %,.0f events/s (%,d in %.1f s), not counted",
                warmup.throughput(), warmup.succeeded(), warmup.seconds()));
        deleteTopic(context, "emporium.history.v1-bench-" + run + "-warmup");
        for (var round = 1; round <= profile.repetitions(); round++) {
            context.checkpoint();
            var topic = "emporium.history.v1-bench-" + run + "-" + round;
            var replay = steps.measure(context, LABEL, events, () -> replay(context.enginePort(), topic, limit,
                    null));
            context.say(String.format(Locale.ROOT, "replay into Kafka, round %d: %,.0f events/s (%,d in %.1f s)",
                    round, replay.throughput(), replay.succeeded(), replay.seconds()));
            deleteTopic(context, topic);
            var jobStarted = System.nanoTime();
            var rebuild = rebuilds.measure(context, REBUILD_LABEL, events,
                    () -> rebuild(context.enginePort(), limit));
            jobSeconds.add(String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - jobStarted) / 1e9));
            context.say(String.format(Locale.ROOT, "%s rebuilt, round %d: %,.0f events/s (%,d in %.1f s)",
                    REBUILT, round, rebuild.throughput(), rebuild.succeeded(), rebuild.seconds()));
        }
        var measured = steps.toList();
        var figure = measured.getFirst().throughput();
        var rebuilt = rebuilds.toList();
        var rebuildFigure = rebuilt.getFirst().throughput();
        var rebuiltEvents = rebuilt.getFirst().runs().getFirst().succeeded();
        notes.add("Whole rebuild jobs, from the request until the new version served (build, indexes, checks, "
                + "catch-up, switch): " + String.join(", ", jobSeconds) + ".");
        return new ScenarioResult(number(), title(), """
                `POST /ops/replays` with a new topic and no bounds (the whole history, every type) on the engine with \
                every role that served scenarios 1-3 and 6, once the store holds %,d events: what those scenarios \
                wrote and synthetic orders written as scenario 5 writes its history, below every processor's position \
                (events consumed long ago), and once the processors have read what the earlier scenarios left (they \
                took %.1f s). The engine reads ranges of the event table in parallel inside one snapshot and publishes \
                every event, in position order, as its CloudEvents envelope in Kafka transactions; the suite polls \
                `GET /ops/replays/{id}` until the job is done. The figure is the job's own count divided by the time \
                from its start to its last commit. Each repetition writes a topic of its own, deleted once measured \
                (so that no round reads beside the earlier rounds' topics), after one unmeasured replay of the \
                history's first third that warms its code up. Then `POST /ops/rebuilds` rebuilds the \
                order views (`order_view`, its status timeline) blue/green: a new version of the tables is built \
                beside the serving one from the events of their types up to a position fixed in one snapshot, by \
                `COPY`, then indexed, checked against the event counts and the serving version, caught up and switched \
                over in one transaction; the suite polls `GET /ops/rebuilds/{id}` until it is done. The request allows \
                differences from the serving version: the first rebuild adds the synthetic orders, which the serving \
                version never saw (the later ones then compare equal). The rebuild's figure is the events the build \
                read divided by the build's time, from its first read until the new version has its indexes (reading, \
                writing, applying the status changes that came too late for the build's window, indexing, \
                analyzing); the checks, the catch-up and the switch come on top of it (see the note for the whole \
                jobs). The synthetic orders have no later events, so no change comes late; in a history with \
                shipments every order shipped days after its placement costs one update more."""
                .formatted(events, caughtUpSeconds),
                List.of(new Series("replay", "Replay of the history", "replay", "events/s", "latency", false,
                                measured),
                        new Series("rebuild", "Rebuild of the order views", "rebuild", "events/s", "latency", false,
                                rebuilt)),
                List.of(new Headline("Replay of " + String.format(Locale.ROOT, "%,d", events)
                                + " events into Kafka", "events/s", figure, Baseline.EVENT_TABLE_READ,
                                new Target.AtLeastRatio(0.25, 5)),
                        new Headline("Replay into Kafka against issue 5's floor", "events/s", figure, null,
                                new Target.AtLeast(100_000, "events/s", 5)),
                        new Headline("Rebuild of the order views from " + String.format(Locale.ROOT, "%,d",
                                rebuiltEvents) + " order events", "events/s", rebuildFigure,
                                Baseline.EVENT_TABLE_READ, new Target.AtLeastRatio(0.25, 5)),
                        new Headline("Rebuild of the order views against issue 5's floor", "events/s",
                                rebuildFigure, null, new Target.AtLeast(100_000, "events/s", 5))),
                notes);
    }

    /**
     * Removes a topic the suite wrote, once measured. At 10M events a topic holds about 1.9 GB: kept, each round's
     * topic took page cache from the event table the next round reads (in one full run the rounds read 226,589,
     * 164,363, then 85,139 events/s with three topics beside 20 GB of tables on a 24 GiB machine), so the rounds
     * measured a growing pile of the suite's own leftovers rather than repetitions of one replay.
     */
    private static void deleteTopic(Context context, String topic) throws InterruptedException {
        try (var admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.servers().kafkaBootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not delete the suite's topic " + topic, e);
        }
    }

    /** The latest order the engine placed, or one shaped like it when this scenario runs alone. */
    private static EventRowTemplate template(Connection connection) throws SQLException {
        try {
            return EventRowTemplate.fromStore(connection);
        } catch (IllegalStateException none) {
            return EventRowTemplate.orderPlacedShape();
        }
    }

    /** The position that ends the first third of the store's events. */
    private static long firstThirdEnd(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var row = statement.executeQuery("select min(global_index), max(global_index) from domain_event_entry")) {
            row.next();
            return row.getLong(1) + (row.getLong(2) - row.getLong(1)) / 3;
        }
    }

    /** Replays the history into a new topic, up to {@code toPosition} if given, and waits for its end. */
    private LoadRun replay(int port, String topic, Duration limit, @Nullable Long toPosition)
            throws IOException, InterruptedException {
        var engine = URI.create("http://127.0.0.1:" + port);
        var body = "{\"topic\": \"" + topic + "\"" + (toPosition == null ? "" : ", \"toPosition\": " + toPosition)
                + "}";
        var started = send(HttpRequest.newBuilder(engine.resolve("/ops/replays"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        var location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("a replay was started without a Location"));
        return await(engine.resolve(location), "the replay into " + topic, limit);
    }

    /**
     * Rebuilds the order views and waits until the new version serves. The run's time is the build's, up to the new
     * version's indexes: the events read divided by the build's own rate, as the engine reports them.
     */
    private LoadRun rebuild(int port, Duration limit) throws IOException, InterruptedException {
        var engine = URI.create("http://127.0.0.1:" + port);
        var started = send(HttpRequest.newBuilder(engine.resolve("/ops/rebuilds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REBUILD_REQUEST)), 202);
        var location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("a rebuild was started without a Location"));
        return await(engine.resolve(location), "the rebuild of " + REBUILT, limit);
    }

    /** Polls a job's progress until it is done; its run holds the job's own count and rate. */
    private LoadRun await(URI job, String what, Duration limit) throws IOException, InterruptedException {
        var deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var progress = send(HttpRequest.newBuilder(job).GET(), 200).body();
            var state = find(STATE, progress);
            if (state.equals("DONE")) {
                var done = Long.parseLong(find(DONE, progress));
                var seconds = done / Double.parseDouble(find(RATE, progress));
                return new LoadRun(0, done, Map.of(), seconds, new Histogram(3), List.of(), 0);
            }
            if (state.equals("FAILED")) {
                var failure = FAILURE.matcher(progress);
                throw new IllegalStateException(what + " failed: " + (failure.find() ? failure.group(1) : progress));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not done within " + limit.toSeconds() + " s: "
                        + progress);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        var response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String find(Pattern pattern, String json) {
        var matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern.pattern() + " in " + json);
        }
        return matcher.group(1);
    }
}
