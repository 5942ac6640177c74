package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Target;
import io.emporium.bench.history.History;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.process.EngineRoles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Scenario 4: the analytics teams' replay. The whole event history scenario 5 left (its synthetic orders and the
 * orders it placed) is replayed through the engine's ops API into a new, versioned Kafka topic per repetition;
 * the figure is the engine's own count of events published divided by the time from the job's start to its last
 * Kafka commit.
 */
final class HistoryReplay implements Scenario.Measurable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a replay may take: a minute, plus 0.2 ms per event (5,000 events/s at the least). */
    private static final Duration LIMIT_BASE = Duration.ofMinutes(1);
    private static final Duration LIMIT_PER_EVENT = Duration.ofNanos(200_000);
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*(\\d+)");
    private static final Pattern RATE = Pattern.compile("\"eventsPerSecond\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern FAILURE = Pattern.compile("\"failure\"\\s*:\\s*\"([^\"]*)\"");
    private static final String LABEL = "whole history into a new topic";

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
        return EngineRoles.PROJECTIONS_ONLY;
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
        long events;
        try (var connection = context.servers().connect()) {
            events = History.size(connection);
        }
        var limit = LIMIT_BASE.plus(LIMIT_PER_EVENT.multipliedBy(events));
        for (var round = 1; round <= profile.repetitions(); round++) {
            context.checkpoint();
            var topic = "emporium.history.v1-bench-" + run + "-" + round;
            var replay = steps.measure(context, LABEL, events, () -> replay(context.enginePort(), topic, limit));
            context.say(String.format(Locale.ROOT, "replay into Kafka, round %d: %,.0f events/s (%,d in %.1f s)",
                    round, replay.throughput(), replay.succeeded(), replay.seconds()));
        }
        var measured = steps.toList();
        var figure = measured.getFirst().throughput();
        return new ScenarioResult(number(), title(), """
                `POST /ops/replays` with a new topic and no bounds (the whole history, every type) on the engine \
                running its projections alone, once the store holds what scenario 5 left: %,d events, most of them \
                its synthetic orders. The engine reads the event table with a streaming cursor and publishes every \
                event as its CloudEvents envelope in Kafka transactions; the suite polls `GET /ops/replays/{id}` \
                until the job is done. The figure is the job's own count divided by the time from its start to its \
                last commit. Each repetition writes a topic of its own. The replay into a rebuilt read model waits \
                for issue 5's rebuilds and is not measured yet."""
                .formatted(events),
                List.of(new Series("replay", "Replay of the history", "replay", "events/s", "latency", false,
                        measured)),
                List.of(new Headline("Replay of " + String.format(Locale.ROOT, "%,d", events)
                                + " events into Kafka", "events/s", figure, Baseline.EVENT_TABLE_READ,
                                new Target.AtLeastRatio(0.25, 5)),
                        new Headline("Replay into Kafka against issue 5's floor", "events/s", figure, null,
                                new Target.AtLeast(100_000, "events/s", 5))),
                List.of());
    }

    private LoadRun replay(int port, String topic, Duration limit) throws IOException, InterruptedException {
        var engine = URI.create("http://127.0.0.1:" + port);
        var started = send(HttpRequest.newBuilder(engine.resolve("/ops/replays"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\": \"" + topic + "\"}")), 202);
        var location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("a replay was started without a Location"));
        var deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var progress = send(HttpRequest.newBuilder(engine.resolve(location)).GET(), 200).body();
            var state = find(STATE, progress);
            if (state.equals("DONE")) {
                var done = Long.parseLong(find(DONE, progress));
                var seconds = done / Double.parseDouble(find(RATE, progress));
                return new LoadRun(0, done, Map.of(), seconds, new Histogram(3), List.of(), 0);
            }
            if (state.equals("FAILED")) {
                var failure = FAILURE.matcher(progress);
                throw new IllegalStateException("the replay into " + topic + " failed: "
                        + (failure.find() ? failure.group(1) : progress));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay into " + topic + " was not done within "
                        + limit.toSeconds() + " s: " + progress);
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
