package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.history.History;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.process.EngineRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 5: how fast PlaceOrder appends as the event store grows. The history is generated, not replayed
 * through the engine: synthetic OrderPlaced rows copied from a real one, written by binary COPY. The engine runs
 * the command side alone, without projections and without the checkout process, so that the figure is the append
 * path alone and no backlog of orders to decide is left to the scenarios after it.
 */
final class AppendRate implements Scenario.Measurable {

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
        var users = context.peak().users();
        var requests = new PlaceOrderRequests(context.savedCards());
        var steps = new Steps();
        var notes = new ArrayList<String>();
        try (var exchange = new NettyExchange(context.enginePort(), users);
             var connection = context.servers().connect()) {
            context.say("warming up the engine");
            var warmup = profile.jvmWarmup().run(window -> ClosedLoop.run(exchange, requests,
                    status -> status == PlaceOrderRequests.CREATED, users, window, profile.slice()).throughput());
            context.say("warm-up " + warmup.describe(profile.jvmWarmup().window()));
            notes.add("Warm-up before the first size: " + warmup.describe(profile.jvmWarmup().window())
                    + "; the first size is what the stocking and the warm-up left in the emptied store.");
            EventRowTemplate template = null;
            for (var size : profile.storeSizes()) {
                if (size > History.size(connection)) {
                    if (template == null) {
                        template = EventRowTemplate.fromStore(connection);
                    }
                    notes.add(StoreGrowth.note(StoreGrowth.to(context, connection, size, template)));
                }
                var actual = History.size(connection);
                var label = String.format(Locale.ROOT, "%,d events", actual);
                for (var round = 1; round <= profile.repetitions(); round++) {
                    context.checkpoint();
                    var run = steps.measure(context, label, actual, () -> ClosedLoop.run(exchange, requests,
                            status -> status == PlaceOrderRequests.CREATED, users, profile.step(), profile.slice()));
                    context.say(String.format(Locale.ROOT, "append at %s, repetition %d: %.0f orders/s", label,
                            round, run.throughput()));
                }
            }
        }
        notes.add(EventStore.eventsByType(context.servers()));
        var measured = steps.toList();
        var headlines = new ArrayList<Headline>();
        for (var step : measured) {
            headlines.add(new Headline("Append rate at " + step.label(), "orders/s", step.throughput(),
                    Baseline.POSTGRES_COMMITS, null));
        }
        return new ScenarioResult(number(), title(), """
                PlaceOrder over HTTP, closed loop with %d users (the concurrency of the scenario 1 peak), on the \
                **command side alone**, without projections and without the checkout process (paid with the \
                customer's saved card, a token the PSP simulator issued before the run, so no PSP call; \
                idempotency key, aggregate load, event append, stored response, one synchronous \
                commit; the orders stay placed, as they would on an instance that only takes orders while others \
                run the checkout process). The store is emptied before the \
                engine starts; larger sizes are reached by copying synthetic OrderPlaced rows (a real row as \
                template, new order, event and metadata ids) with binary `COPY`, then `VACUUM ANALYZE` and \
                `CHECKPOINT`. Each row is its own order, so the aggregate index grows as the table does. The \
                synthetic rows take consecutive global indexes below the real ones (-1, -2, …), where no event \
                processor reads: they stand for history every processor consumed long ago. \
                Idempotency keys hold only this run's requests (they expire after a day in production). Sizes \
                run in increasing order on one engine, so a larger size has also had more load to warm up with."""
                .formatted(users),
                List.of(new Series("append-rate", "Append rate by store size", "store size", "orders/s", "latency",
                        false, measured)),
                headlines, notes);
    }
}
