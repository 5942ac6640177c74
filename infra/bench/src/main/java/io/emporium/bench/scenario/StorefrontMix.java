package io.emporium.bench.scenario;

import io.emporium.bench.cpu.CoreTimeline;
import io.emporium.bench.cpu.HostSteal;
import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import io.emporium.bench.figure.Warmup;
import io.emporium.bench.history.Assortment;
import io.emporium.bench.history.CatalogHistory;
import io.emporium.bench.history.ProductRowTemplates;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.CollectorCycles;
import io.emporium.bench.load.Hiccups;
import io.emporium.bench.load.Interval;
import io.emporium.bench.load.LatencyTimeline;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NanoClock;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.load.Request;
import io.emporium.bench.load.SessionLoop;
import io.emporium.bench.process.EngineRoles;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Scenario 2: the storefront. A catalog is generated into the event store and indexed by the engine's own
 * projection; then issue 4's two read targets are measured apart (cached product pages against the bare WebFlux
 * endpoint, search with filters and facets), and finally issue 6's mix of browsing, carts and checkouts, with
 * figures per endpoint.
 */
final class StorefrontMix implements Scenario.Measurable {

    /** As many users as the bare endpoint's baseline has, so that the ratio compares like with like. */
    static final int DETAIL_USERS = 64;
    static final int SEARCH_USERS = 16;
    static final int MIX_USERS = 32;
    /** The open-model rate at which the latency targets are judged, as a fraction of the step's closed-loop peak. */
    static final double LATENCY_FRACTION = 0.5;
    /** How long indexing may take: a minute, plus 5 ms per product (about 600 events/s at 100,000 products). */
    private static final Duration SEARCHABLE_BASE = Duration.ofMinutes(1);
    private static final Duration SEARCHABLE_PER_PRODUCT = Duration.ofMillis(5);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(2);
    private static final String DETAIL_CLOSED = "product page, " + DETAIL_USERS + " users";
    private static final String SEARCH_CLOSED = "search, " + SEARCH_USERS + " users";

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "Storefront mix (browse and search 80 %, cart 15 %, checkout 5 %)";
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
        var products = profile.catalogSize();
        var storefront = new StorefrontRequests(products);
        var notes = new ArrayList<String>();
        var run = UUID.randomUUID().toString().substring(0, 8);
        var closed = new Steps();
        var open = new Steps();
        var mix = new Steps();
        Spread closedBeside;
        Spread openBeside;
        try (var exchange = new NettyExchange(context.enginePort(), PlaceOrderThroughput.OPEN_MODEL_CONNECTIONS);
             var connection = context.servers().connect();
             var bare = BareBeside.start(context, DETAIL_USERS, PlaceOrderThroughput.OPEN_MODEL_CONNECTIONS)) {
            var templateSku = "SFT-" + run;
            context.say("defining template product " + templateSku + " over HTTP");
            defineTemplate(exchange, templateSku);
            var templates = ProductRowTemplates.fromStore(connection, templateSku);

            context.say(String.format(Locale.ROOT, "generating a catalog of %,d products", products));
            var started = System.nanoTime();
            var written = CatalogHistory.write(connection, templates, new Assortment(products), products,
                    done -> context.say(String.format(Locale.ROOT, "  %,d of %,d (definitions, activations, "
                            + "receipts) written", done, 3L * products)));
            var readModels = new ReadModels(context.servers().elasticsearch());
            readModels.awaitSearchable("SF-", products, written.stocked(),
                    SEARCHABLE_BASE.plus(SEARCHABLE_PER_PRODUCT.multipliedBy(products)));
            var indexed = Duration.ofNanos(System.nanoTime() - started);
            var behind = Backlog.await(context.enginePort(), written.lastIndex(), CATCH_UP_LIMIT);
            var caughtUp = Duration.ofNanos(System.nanoTime() - started);
            notes.add(catalogNote(profile, written, indexed, caughtUp, behind));
            context.say(String.format(Locale.ROOT, "catalog searchable after %.1f s (%,.0f events/s), every "
                    + "processor past it after %.1f s", indexed.toNanos() / 1e9,
                    written.events() / (indexed.toNanos() / 1e9), caughtUp.toNanos() / 1e9));

            // The same shoppers go on from the warm-up through every repetition: a step shorter than their cycle
            // would otherwise rarely reach a cycle's checkout, and the mix would not be the mix.
            var shoppers = new Shopper[MIX_USERS];
            for (var user = 0; user < MIX_USERS; user++) {
                shoppers[user] = shopper(storefront, run, user);
            }
            context.say("warming up the storefront");
            var warmup = profile.warmup().run(window -> SessionLoop.run(exchange, Shopper.ENDPOINTS,
                    user -> shoppers[user], MIX_USERS, window,
                    profile.slice()).all().throughput());
            notes.add("Warm-up with the mix, " + MIX_USERS + " users: "
                    + warmup.describe(profile.warmup().window()) + ".");
            var primed = primeHotProducts(exchange, storefront);
            context.say(String.format(Locale.ROOT, "read the %,d hot products once in %.1f s", primed.succeeded(),
                    primed.seconds()));

            var detailRandom = new SplittableRandom(1);
            var searchRandom = new SplittableRandom(2);
            Supplier<Request> details = () -> storefront.hotDetail(split(detailRandom));
            Supplier<Request> searches = () -> storefront.search(split(searchRandom));
            // The mix reads product pages at a fraction of the rate the closed loop reaches: without a warm-up of
            // its own, the first repetition measured the path still being compiled (a third of the last one).
            var detailWarmup = profile.warmup().run(window -> ClosedLoop.run(exchange, details,
                    status -> status == 200, DETAIL_USERS, window, profile.slice()).throughput());
            notes.add("Warm-up with product pages, " + DETAIL_USERS + " users: "
                    + detailWarmup.describe(profile.warmup().window()) + ".");
            bare.measureClosed();
            for (var round = 1; round <= profile.repetitions(); round++) {
                context.checkpoint();
                var detail = closed.measure(context, DETAIL_CLOSED, DETAIL_USERS, () -> ClosedLoop.run(exchange,
                        details, status -> status == 200, DETAIL_USERS, profile.step(), profile.slice()));
                bare.measureClosed();
                var search = closed.measure(context, SEARCH_CLOSED, SEARCH_USERS, () -> ClosedLoop.run(exchange,
                        searches, status -> status == 200, SEARCH_USERS, profile.step(), profile.slice()));
                var before = context.cpu().snapshot();
                var whole = SessionLoop.run(exchange, Shopper.ENDPOINTS, user -> shoppers[user], MIX_USERS,
                        profile.tailStepLimit(), profile.slice(), profile.mixRequests());
                var cpu = context.cpu().snapshot().since(before);
                mix.add("whole mix", MIX_USERS, whole.all(), cpu);
                whole.byEndpoint().forEach((endpoint, endpointRun) -> mix.add(endpoint, MIX_USERS, endpointRun, cpu));
                context.say(String.format(Locale.ROOT, "round %d: product page %.0f/s, search %.0f/s, mix %.0f/s "
                        + "(%d failed)", round, detail.throughput(), search.throughput(), whole.all().throughput(),
                        whole.all().failures()));
            }
            var closedSteps = closed.toList();
            var openLoop = new OpenLoop(exchange, NanoClock.SYSTEM);
            var detailRate = LATENCY_FRACTION * closedSteps.get(0).throughput().median();
            var searchRate = LATENCY_FRACTION * closedSteps.get(1).throughput().median();
            Function<Duration, LoadRun> detailsOpen = length -> openLoop.run(details, status -> status == 200,
                    detailRate, length, profile.slice(), PlaceOrderThroughput.MAX_IN_FLIGHT);
            Function<Duration, LoadRun> searchesOpen = length -> openLoop.run(searches, status -> status == 200,
                    searchRate, length, profile.slice(), PlaceOrderThroughput.MAX_IN_FLIGHT);
            // The open model gets a warm-up of its own, as each closed loop does: without it, its first round
            // measured the switch from the closed loops (the generator opening connections beyond their 64 and
            // running its open loop for the first time). The warm-up's first 5 s window of product pages had a p99
            // of 159.9, 113.2 and 80.0 ms in three full runs, the later windows 1.7-17.0 ms (issue 4's note of
            // 2026-12-06, thirty-ninth session).
            notes.add(openWarmup(profile, "product pages", detailsOpen));
            notes.add(openWarmup(profile, "searches", searchesOpen));
            var pageRounds = new ArrayList<BareBeside.OpenRound>();
            var searchRounds = new ArrayList<String>();
            bare.measureOpen(detailRate);
            try (var hiccups = Hiccups.start(); var host = HostSteal.start();
                 var cores = CoreTimeline.start(context.cpu()::roles); var collector = CollectorCycles.start()) {
                var watch = new Watch(context, exchange, hiccups, host, cores, collector);
                for (var round = 1; round <= profile.repetitions(); round++) {
                    context.checkpoint();
                    var before = context.cpu().snapshot();
                    var pageMark = watch.mark();
                    var detail = detailsOpen.apply(profile.tailStep(detailRate));
                    var pageConnections = watch.openedSince(pageMark);
                    var used = context.cpu().snapshot().since(before);
                    var stops = context.engineSafepoints().since(pageMark.safepoints());
                    var stalls = hiccups.sinceMark();
                    var pageSteal = host.sinceMark();
                    var pageCollector = collector.sinceMark();
                    var pageWorst = watch.worstSlice(detail, pageMark);
                    open.add(openLabel("product page", detailRate), detailRate, detail, used);
                    pageRounds.add(new BareBeside.OpenRound(detail, used, stops, stalls, pageSteal, pageConnections,
                            pageWorst));
                    var bareAfter = bare.measureOpen(detailRate);
                    var searchMark = watch.mark();
                    var search = open.measure(context, openLabel("search", searchRate), searchRate,
                            () -> searchesOpen.apply(profile.tailStep(searchRate)));
                    var searchConnections = watch.openedSince(searchMark);
                    var searchSteal = host.sinceMark();
                    var searchCollector = collector.sinceMark();
                    var searchWorst = watch.worstSlice(search, searchMark);
                    searchRounds.add(Formats.number(p99(search)) + " ms (" + taken(searchSteal) + ", "
                            + opened(searchConnections) + ", " + searchWorst + ")");
                    context.say(String.format(Locale.ROOT, "open model, round %d: product page p99 %.1f ms (the "
                                    + "bare endpoint's after it %.1f ms; the engine's longest stop %.1f ms, the "
                                    + "generator's %.1f ms; %s; %s; %s; %s), search p99 %.1f ms (%s; %s; %s; %s)",
                            round, p99(detail), bareAfter, stops.longestMillis(), stalls.longestMillis(),
                            taken(pageSteal), opened(pageConnections), pageCollector, pageWorst, p99(search),
                            taken(searchSteal), opened(searchConnections), searchCollector, searchWorst));
                }
            }
            notes.add(bare.describeClosed());
            notes.add(bare.describeOpen(pageRounds));
            notes.add("Search p99 by open round, beside what the host took from this machine's cores meanwhile "
                    + "(its share of all cores' time, and the most core time it took in any one second), the "
                    + "connections the generator opened, and the slice with the highest p99 beside what stood still "
                    + "in it (the host's taken core time, the engine's longest stop, the generator's latest wake-up) "
                    + "and the core time each process used in it: "
                    + String.join("; ", searchRounds) + ".");
            closedBeside = bare.closedPerRound();
            openBeside = bare.openP99s();
        }
        notes.add(EventStore.eventsByType(context.servers()));
        return result(profile, closed.toList(), open.toList(), mix.toList(), closedBeside, openBeside, notes);
    }

    private ScenarioResult result(Profile profile, List<Step> closedSteps, List<Step> openSteps, List<Step> mixSteps,
                                  Spread closedBeside, Spread openBeside, List<String> notes) {
        var products = String.format(Locale.ROOT, "%,d products", profile.catalogSize());
        var detailOpen = openSteps.get(0);
        var searchOpen = openSteps.get(1);
        var headlines = new ArrayList<Headline>();
        headlines.add(new Headline("Cached product page, closed loop, " + DETAIL_USERS + " users", "requests/s",
                closedSteps.get(0).throughput(), Baseline.BARE_WEBFLUX, new Target.AtLeastRatio(0.5, 4),
                closedBeside));
        notes.add(headlines.getFirst().byRound("the bare endpoint", "requests/s"));
        headlines.add(Headline.of("Cached product page p50 at " + rate(detailOpen) + " (open model)", "ms",
                detailOpen.percentile(50)));
        headlines.add(new Headline("Cached product page p99 at " + rate(detailOpen) + " (open model)", "ms",
                detailOpen.percentile(99), null, new Target.AtMost(10, "ms", 4)));
        headlines.add(Headline.of("Bare WebFlux endpoint p99 at " + rate(detailOpen) + " beside the product page's "
                + "rounds (open model)", "ms", openBeside));
        headlines.add(Headline.of("Search over " + products + ", closed loop, " + SEARCH_USERS + " users",
                "requests/s", closedSteps.get(1).throughput()));
        headlines.add(Headline.of("Search p50 over " + products + " at " + rate(searchOpen) + " (open model)",
                "ms", searchOpen.percentile(50)));
        headlines.add(new Headline("Search p99 over " + products + " at " + rate(searchOpen) + " (open model)",
                "ms", searchOpen.percentile(99), null, new Target.AtMost(30, "ms", 4)));
        var whole = mixSteps.getFirst();
        headlines.add(new Headline("Storefront mix, " + MIX_USERS + " users", "requests/s", whole.throughput(),
                Baseline.BARE_WEBFLUX, null));
        for (var step : mixSteps.subList(1, mixSteps.size())) {
            var percentile = mixPercentile(profile, step.label());
            headlines.add(Headline.of("Mix: " + step.label() + " p" + percentile, "ms", step.percentile(percentile)));
        }
        return new ScenarioResult(number(), title(), """
                The catalog (%s, %s) is generated, not defined over HTTP: one template product is defined, \
                activated and stocked over HTTP, and its three events (ProductDefined, ProductActivated, \
                StockReceived) are copied for every product (all definitions first, then all activations, then all \
                receipts, as a shop's history is built) with its own SKU, name (varied words, accented ones \
                among them), description, category, attributes, price (2 € to 500 €, log-uniform) and stock (none \
                for one product in %d), new aggregate, event and metadata ids, by binary `COPY` at positive global \
                indexes taken from the table's sequence after the store's end, so that every processor reads them \
                as new events and the product-search projection indexes them into Elasticsearch; the prices the \
                command side keeps in `catalog_price` are written in the same transactions. The steps start once \
                the `products` alias finds every product and every processor is past the catalog. All on the \
                engine with every role. \
                **Product page**: `GET /products/{sku}` over the %,d most popular products (fewer than the cache \
                holds, and each read once before the steps, so every read is a cache hit), closed loop with %d \
                users like the bare endpoint's baseline; then in the open model at %s of that peak for latency. \
                The bare WebFlux endpoint runs beside the engine in a JVM of its own and is measured before the \
                first product page round and after each: in the closed loop beside the closed rounds, each of \
                which is judged against the mean of the two either side of it, and at the page's rate beside the \
                open ones (the notes pair each round with them). \
                **Search**: `GET /products/search` with words (often typed without their accents) and/or a \
                category, a price band in 2 of 5, in stock only in 1 of 2, any of the four sorts, pages 0 to 2 of \
                20, facets in every answer; closed loop with %d users, then the open model at %s of that peak. \
                Each open model has a warm-up at its rate before its first repetition, as each closed loop has, \
                which lasts until %d windows in a row agree on their p99 within a factor of %s (the notes give its \
                p99 by window). %s\
                **Mix**: %d shoppers in a closed loop, each in cycles of %d requests: 10 product pages (popular \
                products far more often, the whole catalog reached), 4 searches and 2 autocompletes \
                (`GET /products/suggest`), then, at random places among them and in this order, `POST /carts`, \
                `POST /carts/{id}/items` (a stocked product), `GET /carts/{id}` at the position the addition \
                returned (read-your-writes) and `POST /carts/{id}/checkout` with a card the PSP simulator \
                authorizes: 80 %% browse, 15 %% cart, 5 %% checkout. Every request counts in its endpoint's row \
                and in the whole mix's. Success is 200, and 201 for cart creation and checkout. A repetition is \
                %,d requests (at most %s s), not a time, so that each endpoint has as many samples whatever the \
                machine's speed; each endpoint's figure is the highest percentile its share of them supports, with \
                at least as many latencies above it as %s: %s."""
                .formatted(products, profile.name().equals("full") ? "issue 4's size"
                                : "fewer than issue 4's 100,000 in this profile; the full profile generates 100,000",
                        Assortment.UNSTOCKED_EVERY, StorefrontRequests.HOT_PRODUCTS, DETAIL_USERS,
                        fraction(), SEARCH_USERS, fraction(), Warmup.AGREEING, Formats.number(Warmup.P99_FACTOR),
                        profile.tailStepSentence(), MIX_USERS, Shopper.CYCLE,
                        profile.mixRequests(), Formats.seconds(profile.tailStepLimit()), tailRule(profile),
                        mixPercentiles(profile)),
                List.of(new Series("storefront-reads", "Product page and search, closed loop", "step",
                                "requests/s", "latency", false, closedSteps),
                        new Series("storefront-reads-open", "Product page and search, open model", "arrival rate",
                                "requests/s", "latency", true, openSteps),
                        new Series("storefront-mix", "Storefront mix by endpoint, " + MIX_USERS + " users",
                                "endpoint", "requests/s", "latency", false, mixSteps)),
                headlines, notes);
    }

    /** The requests one repetition of the mix sends to {@code endpoint}, by its share of the shoppers' cycle. */
    private static double expectedSamples(Profile profile, String endpoint) {
        return Shopper.share(endpoint) * profile.mixRequests();
    }

    /** The percentile the report states for one endpoint of the mix: the one its expected samples support. */
    static int mixPercentile(Profile profile, String endpoint) {
        return profile.percentileFor(expectedSamples(profile, endpoint));
    }

    /** "p99 for GET /products/{sku} (320 a repetition), …" */
    static String mixPercentiles(Profile profile) {
        return Shopper.ENDPOINTS.stream().map(endpoint -> String.format(Locale.ROOT, "p%d for `%s` (%,.0f a "
                + "repetition)", mixPercentile(profile, endpoint), endpoint, expectedSamples(profile, endpoint)))
                .collect(Collectors.joining(", "));
    }

    private static String tailRule(Profile profile) {
        return profile.tailSamples() == 0 ? "any p99 (this profile sets no minimum)"
                : String.format(Locale.ROOT, "a p99 of %,d", profile.tailSamples());
    }

    /** Defines, activates and stocks the product whose stored events every generated product copies. */
    private static void defineTemplate(NettyExchange exchange, String sku) {
        var product = ProductRowTemplates.templateProduct(sku);
        var define = """
                {"sku":"%s","name":"%s","description":"%s","category":"%s",\
                "attributes":{"colour":"%s","size":"%s"},"price":{"amount":%d,"currency":"%s"}}"""
                .formatted(sku, product.name(), product.description(), product.category(), product.colour(),
                        product.size(), product.priceMinor(), Assortment.CURRENCY);
        send(exchange, new Request("POST", "/products", json("template-define-" + sku), define), 201);
        send(exchange, new Request("POST", "/products/" + sku + "/activate", json("template-activate-" + sku),
                null), 200);
        send(exchange, new Request("POST", "/inventory/" + sku + "/receipts", json("template-stock-" + sku), """
                {"quantity":%d,"receiptId":"%s"}""".formatted(product.stock(),
                ProductRowTemplates.templateReceiptId(sku))), 201);
    }

    private static Map<String, String> json(String key) {
        return Map.of("Content-Type", "application/json", "Idempotency-Key", "bench-" + key);
    }

    private static void send(NettyExchange exchange, Request request, int expected) {
        var reply = exchange.send(request).join();
        if (reply.status() != expected) {
            throw new IllegalStateException(request.method() + " " + request.path() + " answered " + reply.status()
                    + ", expected " + expected);
        }
    }

    /** Reads every hot product once, so that the cache holds them all; returns that load's run. */
    private static LoadRun primeHotProducts(NettyExchange exchange, StorefrontRequests storefront) {
        var next = new AtomicLong();
        var hot = Math.min(StorefrontRequests.HOT_PRODUCTS, storefront.products());
        var primed = ClosedLoop.run(exchange, () -> storefront.detail(next.getAndIncrement()),
                status -> status == 200, 16, Duration.ofSeconds(30), Duration.ofSeconds(1), hot);
        if (primed.succeeded() < hot) {
            throw new IllegalStateException("reading the hot products failed: " + primed.succeeded() + " of " + hot
                    + ", failures " + primed.failed());
        }
        return primed;
    }

    private static Shopper shopper(StorefrontRequests storefront, String run, long n) {
        return new Shopper(storefront, new SplittableRandom(n), "shopper-" + run + "-" + n);
    }

    /** A random source of its own for each request, drawn from a shared one: the suppliers run on many threads. */
    private static SplittableRandom split(SplittableRandom shared) {
        synchronized (shared) {
            return shared.split();
        }
    }

    private static String openLabel(String what, double rate) {
        return String.format(Locale.ROOT, "%s, %s peak = %.0f/s", what, fraction(), rate);
    }

    /** An open step's rate without what it reads: "0.50× peak = 753/s". */
    private static String rate(Step step) {
        return step.label().substring(step.label().indexOf(", ") + 2);
    }

    private static String fraction() {
        return String.format(Locale.ROOT, "%.2f×", LATENCY_FRACTION);
    }

    /**
     * Runs an open-model warm-up and says, for the report, what it did and each window's p99. An open model's rate
     * is the one it offers, so its windows agree on it at once: the warm-up lasts until their p99s agree too.
     */
    private static String openWarmup(Profile profile, String what, Function<Duration, LoadRun> window) {
        var p99s = new ArrayList<String>();
        var warmup = profile.warmup().runOpen(length -> {
            var run = window.apply(length);
            p99s.add(String.format(Locale.ROOT, "%.1f", p99(run)));
            return new Warmup.Window(run.throughput(), p99(run));
        });
        return "Warm-up of the open model with " + what + " at the measured rate: "
                + warmup.describe(profile.warmup().window()) + ", p99 by window " + String.join(" / ", p99s)
                + " ms.";
    }

    /**
     * The slice of a round with the highest p99, and what else stood still or ran while it lasted: a round's p99 is
     * often one slice's burst (one 1 s slice at 63 ms in a round whose other slices stayed at about 11 ms or below,
     * as the open model's latency chart of a bench full 2 run, 20261207-210249, shows them), and whether the host,
     * the engine's collector, the generator itself or another process caused it shows here, or that none of them
     * did.
     *
     * @param secondsIn       how far into the round the slice began, in seconds
     * @param began           when the slice began, to be found in the engine's and servers' own logs
     * @param hostMillis      the core time the host took from this machine in the slice
     * @param engineMillis    the engine's longest stop of all its threads that overlapped the slice
     * @param generatorMillis how late the generator's own threads woke at most in the slice
     * @param collectorMillis how long the generator's own collector ran a cycle in the slice
     * @param cores           the core time each of the suite's processes used in the slice, beside its average second
     *                        in the round
     */
    record WorstSlice(double secondsIn, Instant began, double p99Millis, double hostMillis, double engineMillis,
                      double generatorMillis, double collectorMillis, List<CoreTimeline.Used> cores) {

        private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.S", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        static final WorstSlice NONE = new WorstSlice(Double.NaN, Instant.EPOCH, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, List.of());

        WorstSlice {
            cores = List.copyOf(cores);
        }

        @Override
        public String toString() {
            if (Double.isNaN(p99Millis)) {
                return "no slice";
            }
            var text = "its worst slice, from " + Formats.number(secondsIn) + " s into the round (at "
                    + TIME_OF_DAY.format(began) + " UTC), p99 "
                    + Formats.number(p99Millis) + " ms: in it the host took " + Formats.number(hostMillis)
                    + " ms of core time, the engine stood still " + Formats.number(engineMillis)
                    + " ms at most, the generator woke " + Formats.number(generatorMillis)
                    + " ms late at most and its collector ran " + Formats.number(collectorMillis) + " ms";
            if (cores.isEmpty()) {
                return text;
            }
            return text + "; core time in it (in the round's average second): " + cores.stream()
                    .map(used -> used.role() + " " + Formats.number(used.millis()) + " ms ("
                            + Formats.number(used.perSecondMillis()) + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * What stood still or ran in a span of the latency timelines' axis (seconds since the suite started): the host's
     * taken core time, the engine's longest stop, the generator's latest wake-up, how long the generator's collector
     * ran, in milliseconds, and the core time of each of the suite's processes.
     */
    record Stillness(DoubleBinaryOperator host, DoubleBinaryOperator engine, DoubleBinaryOperator generator,
                     DoubleBinaryOperator collector, BiFunction<Double, Double, List<CoreTimeline.Used>> cores) {}

    static WorstSlice worstSlice(LoadRun run, Stillness still) {
        if (run.timeline().isEmpty()) {
            return WorstSlice.NONE;
        }
        var first = run.timeline().getFirst();
        var roundStart = first.at() - first.seconds();
        var slice = run.timeline().stream().max(Comparator.comparingDouble(Interval::p99)).orElseThrow();
        var from = slice.at() - slice.seconds();
        return new WorstSlice(from - roundStart, LatencyTimeline.instantAt(from), slice.p99(),
                still.host().applyAsDouble(from, slice.at()),
                still.engine().applyAsDouble(from, slice.at()), still.generator().applyAsDouble(from, slice.at()),
                still.collector().applyAsDouble(from, slice.at()), still.cores().apply(from, slice.at()));
    }

    /**
     * What watches an open round beside its own latencies: the engine's stops, the generator's wake-ups and
     * collector, the host's taken core time, every process's core time and the connections the generator opens.
     */
    private record Watch(Context context, NettyExchange exchange, Hiccups hiccups, HostSteal host, CoreTimeline cores,
                         CollectorCycles collector) {

        /** Marks the start of a round for every watcher. */
        Mark mark() {
            var safepoints = context.engineSafepoints().mark();
            hiccups.mark();
            host.mark();
            cores.mark();
            collector.mark();
            return new Mark(safepoints, exchange.opened());
        }

        long openedSince(Mark mark) {
            return exchange.opened() - mark.opened();
        }

        WorstSlice worstSlice(LoadRun run, Mark mark) {
            return StorefrontMix.worstSlice(run, new Stillness(host::takenMillis,
                    (from, to) -> context.engineSafepoints().longestBetween(mark.safepoints(),
                            LatencyTimeline.instantAt(from), LatencyTimeline.instantAt(to)),
                    (from, to) -> hiccups.longestBetween(LatencyTimeline.nanosAt(from), LatencyTimeline.nanosAt(to)),
                    collector::millisBetween, cores::usedBetween));
        }
    }

    /** Where a round began in what is read by position: the engine's safepoint log and the connections opened. */
    private record Mark(long safepoints, long opened) {}

    /** "the generator opened 12 connections" */
    static String opened(long connections) {
        return "the generator opened " + connections + (connections == 1 ? " connection" : " connections");
    }

    /** "the host took 1.2 % of the cores, at most 310 ms in a second" */
    static String taken(HostSteal.Taken taken) {
        if (Double.isNaN(taken.share())) {
            return "what the host took unknown";
        }
        return "the host took " + Formats.percent(taken.share()) + " of the cores, at most "
                + Formats.number(taken.worstSecondMillis()) + " ms in a second";
    }

    private static double p99(LoadRun run) {
        return run.latencyMicros().getValueAtPercentile(99) / 1000.0;
    }

    private static String catalogNote(Profile profile, CatalogHistory.Written written, Duration indexed,
                                      Duration caughtUp, List<String> behind) {
        var note = String.format(Locale.ROOT, "Catalog: %,d products (%s), %,d of them stocked: %,d events written "
                        + "by COPY in %.1f s (%,.0f events/s), global indexes %,d to %,d. The `products` alias found "
                        + "every product on sale and in stock %.1f s after the first COPY began: %,.0f events/s "
                        + "through the product-search projection, while every other processor (the Kafka export "
                        + "among them) read the same events. Every processor was past the catalog after %.1f s",
                written.products(), profile.name().equals("full") ? "issue 4's size"
                        : "the " + profile.name() + " profile's size; issue 4's target is for 100,000, which the "
                        + "full profile generates", written.stocked(), written.events(),
                written.took().toNanos() / 1e9, written.eventsPerSecond(), written.firstIndex(),
                written.lastIndex(), indexed.toNanos() / 1e9, written.events() / (indexed.toNanos() / 1e9),
                caughtUp.toNanos() / 1e9);
        return behind.isEmpty() ? note + "."
                : note + ", except these, still behind when the suite stopped waiting: " + String.join(", ", behind)
                + ".";
    }
}
