package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.history.History;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.postgres.PostgresWork;
import io.emporium.bench.process.EngineRoles;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scenario 5: how fast PlaceOrder appends as the event store grows. The history is generated, not replayed
 * through the engine: synthetic OrderPlaced rows copied from a real one, written by binary COPY. The engine runs
 * the command side alone, without projections and without the checkout process, so that the figure is the append
 * path alone and no backlog of orders to decide is left to the scenarios after it. Its peak is found at its own
 * concurrency: group commits gather larger batches the more requests wait, so the append path alone peaks at far
 * more users than the whole engine, whose checkout process sets its pace.
 */
final class AppendRate implements Scenario.Measurable {

    /** Statements named in the note on PostgreSQL's work: PlaceOrder's group commit runs five. */
    private static final int STATEMENTS_NAMED = 5;

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "Append rate at growing store sizes";
    }

    @Override
    public EngineRoles roles() {
        return EngineRoles.COMMANDS_ONLY;
    }

    @Override
    public boolean needsEmptyStore() {
        return true;
    }

    @Override
    public ScenarioResult run(Context context) throws Exception {
        var profile = context.profile();
        context.stockShelves();
        var levels = profile.appendUsers();
        var requests = new PlaceOrderRequests(context.savedCards());
        var byUsers = new Steps();
        var bySize = new ArrayList<Step>();
        var notes = new ArrayList<String>();
        var postgresWork = new HashMap<Integer, PostgresWork>();
        int users;
        Spread commitsBySweepRound;
        var commitsBySize = new ArrayList<Spread>();
        try (var exchange = new NettyExchange(context.enginePort(), Collections.max(levels));
             var connection = context.servers().connect()) {
            context.say("warming up the engine");
            var warmup = profile.jvmWarmup().run(window -> ClosedLoop.run(exchange, requests,
                    status -> status == PlaceOrderRequests.CREATED, Collections.max(levels), window,
                    profile.slice()).throughput());
            context.say("warm-up " + warmup.describe(profile.jvmWarmup().window()));
            notes.add("Warm-up before the first size, " + Collections.max(levels) + " users: "
                    + warmup.describe(profile.jvmWarmup().window())
                    + "; the first size is what the stocking and the warm-up left in the emptied store.");
            var first = History.size(connection);
            commitsBySweepRound = CommitsBeside.around(context, "the concurrency sweep's rounds", notes,
                    round -> sweepRound(context, exchange, requests, connection, byUsers, postgresWork, round));
            var best = byUsers.fastest();
            users = (int) best.setting();
            bySize.add(new Step(sizeLabel(first), first, best.runs(), best.cpu()));
            notes.add(postgresWork.getOrDefault(users, PostgresWork.NONE).describe("at the peak's " + users
                    + " users, its repetitions together (pg_stat_statements, pg_stat_wal)", STATEMENTS_NAMED));
            var larger = new Steps();
            EventRowTemplate template = null;
            notes.add(String.format(Locale.ROOT, "The concurrency sweep began with %,d events in the store and "
                    + "left %,d.", first, History.size(connection)));
            for (var size : profile.storeSizes().subList(1, profile.storeSizes().size())) {
                // The sweep's orders may have grown the store past a size: it is then measured where it stands.
                if (size > History.size(connection)) {
                    if (template == null) {
                        template = EventRowTemplate.fromStore(connection);
                    }
                    notes.add(StoreGrowth.note(StoreGrowth.to(context, connection, size, template)));
                }
                var actual = History.size(connection);
                var label = sizeLabel(actual);
                commitsBySize.add(CommitsBeside.around(context, "the rounds at " + label, notes, round -> {
                    var run = larger.measure(context, label, actual, () -> ClosedLoop.run(exchange, requests,
                            status -> status == PlaceOrderRequests.CREATED, users, profile.step(), profile.slice()));
                    context.say(String.format(Locale.ROOT, "append at %s, repetition %d: %.0f orders/s", label,
                            round, run.throughput()));
                }));
            }
            bySize.addAll(larger.toList());
        }
        notes.add(EventStore.eventsByType(context.servers()));
        var sweep = byUsers.toList();
        var headlines = new ArrayList<Headline>();
        headlines.add(new Headline("PlaceOrder peak, command side alone (closed loop, " + users + " users)",
                "orders/s", bySize.getFirst().throughput(), Baseline.POSTGRES_COMMITS,
                new Target.AtLeastRatio(0.6, 3), commitsBySweepRound));
        for (var i = 1; i < bySize.size(); i++) {
            var step = bySize.get(i);
            headlines.add(new Headline("Append rate at " + step.label(), "orders/s", step.throughput(),
                    Baseline.POSTGRES_COMMITS, null, commitsBySize.get(i - 1)));
        }
        headlines.forEach(headline -> notes.add(headline.byRound("the commits", "commits/s")));
        return new ScenarioResult(number(), title(), """
                PlaceOrder over HTTP, closed loop, on the **command side alone**, without projections and \
                without the checkout process (paid with the \
                customer's saved card, a token the PSP simulator issued before the run, so no PSP call; \
                idempotency key, aggregate load, event append, stored response, one synchronous \
                commit; the orders stay placed, as they would on an instance that only takes orders while others \
                run the checkout process). The append path's peak is the best median throughput over %s users at \
                the first store size (its own, not scenario 1's: there the checkout process bounds the rate); the \
                larger sizes run at its %d users. The store is emptied before the \
                engine starts; larger sizes are reached by copying synthetic OrderPlaced rows (a real row as \
                template, new order, event and metadata ids) with binary `COPY`, then `VACUUM ANALYZE` and \
                `CHECKPOINT`. Each row is its own order, so the aggregate index grows as the table does. The \
                synthetic rows take consecutive global indexes below the real ones (-1, -2, …), where no event \
                processor reads: they stand for history every processor consumed long ago. \
                Idempotency keys hold only this run's requests (they expire after a day in production). Sizes \
                run in increasing order on one engine, so a larger size has also had more load to warm up with. \
                The notes give PostgreSQL's own account of the peak's requests (`pg_stat_statements`, loaded for \
                the run, and `pg_stat_wal`): what each statement of the group commit cost per event appended."""
                .formatted(levels.stream().map(String::valueOf).collect(Collectors.joining(", ")), users),
                List.of(new Series("append-users", "Append rate by concurrency, first store size", "users",
                                "orders/s", "latency", false, sweep),
                        new Series("append-rate", "Append rate by store size", "store size", "orders/s", "latency",
                                false, bySize)),
                headlines, notes);
    }

    /** One round of the concurrency sweep: every level once, PostgreSQL's work filed by level. */
    private static void sweepRound(Context context, NettyExchange exchange, PlaceOrderRequests requests,
                                   Connection connection, Steps byUsers, Map<Integer, PostgresWork> postgresWork,
                                   int round) throws Exception {
        var profile = context.profile();
        for (var level : profile.appendUsers()) {
            var before = PostgresWork.read(connection);
            var run = byUsers.measure(context, level + " users", level, () -> ClosedLoop.run(exchange, requests,
                    status -> status == PlaceOrderRequests.CREATED, level, profile.step(), profile.slice()));
            postgresWork.merge(level, PostgresWork.read(connection).since(before), PostgresWork::plus);
            context.say(String.format(Locale.ROOT, "append at %d users, repetition %d: %.0f orders/s", level, round,
                    run.throughput()));
        }
    }

    private static String sizeLabel(long events) {
        return String.format(Locale.ROOT, "%,d events", events);
    }
}
