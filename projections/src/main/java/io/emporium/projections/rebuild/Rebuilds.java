package io.emporium.projections.rebuild;

import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.eventstore.ReadModelTransactions;
import io.emporium.projections.RefusedRequest;
import io.emporium.projections.rebuild.RebuildableReadModel.Check;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuilds of read models, on demand. The new version is filled beside the serving one straight from the
 * event table up to a position P fixed at the start (in parallel parts where the read model allows, written in bulk),
 * checked against the events, then kept live from P by a processor of its own until it has caught up and compared
 * equal to the serving version. Then, with both processors stopped for a moment, readers are switched in one step and
 * the read model's processor continues from the new version's tokens: no event is missed or applied twice.
 *
 * <p>One rebuild per read model at a time, coordinated within this instance: with projections spread over several
 * instances, stop the read model's processor on the others first.
 */
@Component
public class Rebuilds implements DisposableBean {

    /** How long the new version may take to catch up with the events appended while it was built. */
    private static final Duration CATCH_UP = Duration.ofMinutes(10);
    /** How long the serving version may take to reach P before the two are compared. */
    private static final Duration SERVING_AT_P = Duration.ofSeconds(30);
    /** Searches already routed to a retired Elasticsearch index finish well within this. */
    private static final Duration DROP_GRACE = Duration.ofSeconds(30);
    private static final int LIVE_BATCH_SIZE = 100;
    /**
     * How often the new version's processor looks for segments to claim, and looks again when it has nothing to do.
     * With Axon's 5 s default every rebuild job waited 5-7 s for its catch-up on a quiet store (bench scenario 4's
     * engine log); this processor lives for the catch-up alone.
     */
    private static final Duration LIVE_CLAIM_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);

    /** What to rebuild. */
    public record Request(@Nullable String projection, @Nullable Boolean allowDifferences) {}

    /**
     * Where a rebuild stands. {@code done} and {@code total} count the events of the read model's types up to
     * {@code position}; the rate is the build's, from its first event read until the new version has its indexes
     * (the checks, the catch-up and the switch come after), and the seconds left count the events still to read.
     */
    public record Progress(String id, String projection, String state, int version, long position, long done,
                           long total, double eventsPerSecond, @Nullable Double secondsLeft, List<Check> checks,
                           @Nullable String failure) {}

    /** The read model is being rebuilt already. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final RebuildableReadModel model;
        final boolean allowDifferences;
        final LongAdder done = new LongAdder();
        final List<Check> checks = new CopyOnWriteArrayList<>();
        final long created = System.nanoTime();
        volatile String state = "BUILDING";
        volatile int version;
        volatile long position;
        volatile long total;
        volatile long buildStarted;
        volatile long buildFinished;
        volatile @Nullable String failure;

        Job(RebuildableReadModel model, boolean allowDifferences) {
            this.model = model;
            this.allowDifferences = allowDifferences;
        }

        boolean running() {
            return !state.equals("DONE") && !state.equals("FAILED");
        }
    }

    private final Map<String, RebuildableReadModel> models = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReadModelVersions versions;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final int parallelism;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("rebuild-", 1).daemon().factory());
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rebuild-drops").daemon().factory());

    Rebuilds(Collection<RebuildableReadModel> models, DataSource dataSource, JdbcTemplate jdbc,
             PlatformTransactionManager transactions, ObjectProvider<EventProcessingConfiguration> processing,
             EventStore eventStore, TokenStore tokenStore, TransactionManager axonTransactions,
             ObjectProvider<MeterRegistry> meters, @Value("${emporium.rebuilds.parallelism:2}") int parallelism) {
        models.forEach(model -> this.models.put(model.name(), model));
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.versions = new ReadModelVersions(jdbc);
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.parallelism = Math.max(1, parallelism);
        var registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.models.keySet().forEach(name -> {
            gauge(registry, "emporium.rebuild.events.done", "events", name, progress -> progress.done());
            gauge(registry, "emporium.rebuild.events.total", "events", name, progress -> progress.total());
            gauge(registry, "emporium.rebuild.events.rate", "events/s", name, Progress::eventsPerSecond);
            gauge(registry, "emporium.rebuild.seconds.left", "seconds", name,
                    progress -> progress.secondsLeft() == null ? 0 : progress.secondsLeft());
        });
    }

    private void gauge(MeterRegistry registry, String name, String unit, String projection,
                       Function<Progress, Number> value) {
        Gauge.builder(name, () -> latest(projection).map(value).orElse(0)).baseUnit(unit)
                .description("The latest rebuild of the read model").tag("projection", projection)
                .register(registry);
    }

    private Optional<Progress> latest(String projection) {
        return jobs.values().stream().filter(job -> job.model.name().equals(projection))
                .max(Comparator.comparingLong(job -> job.created)).map(this::progress);
    }

    /** The read models that can be rebuilt, by name. */
    public List<String> projections() {
        return models.keySet().stream().sorted().toList();
    }

    /** Starts a rebuild in the background and returns its first progress. */
    public synchronized Progress start(Request request) {
        if (request.projection() == null || request.projection().isBlank()) {
            throw new RefusedRequest("projection", "must name a read model: one of " + projections());
        }
        var model = models.get(request.projection());
        if (model == null) {
            throw new RefusedRequest("projection", "is not a read model that can be rebuilt; known are " + projections());
        }
        if (jobs.values().stream().anyMatch(job -> job.model == model && job.running())) {
            throw new Busy(model.name() + " is being rebuilt already");
        }
        var job = new Job(model, Boolean.TRUE.equals(request.allowDifferences()));
        jobs.put(job.id, job);
        runner.submit(() -> run(job));
        return progress(job);
    }

    public Optional<Progress> progress(String id) {
        return Optional.ofNullable(jobs.get(id)).map(this::progress);
    }

    public List<Progress> all() {
        return jobs.values().stream().sorted(Comparator.comparingLong(job -> job.created)).map(this::progress)
                .toList();
    }

    private Progress progress(Job job) {
        var done = job.done.sum();
        double rate = 0;
        Double left = null;
        if (job.buildStarted != 0) {
            var end = job.buildFinished == 0 ? System.nanoTime() : job.buildFinished;
            rate = done / Math.max(1e-3, (end - job.buildStarted) / 1e9);
            if (job.buildFinished == 0 && rate > 0) {
                left = Math.max(0, job.total - done) / rate;
            }
        }
        return new Progress(job.id, job.model.name(), job.state, job.version, job.position, done, job.total, rate,
                left, List.copyOf(job.checks), job.failure);
    }

    private void run(Job job) {
        var model = job.model;
        PooledStreamingEventProcessor live = null;
        var liveExecutors = new ArrayList<ScheduledExecutorService>();
        try {
            dropLeftovers(model);
            var serving = versions.serving(model.name());
            job.version = versions.begin(model.name());
            model.create(job.version);
            LiveStart start;
            try (var history = EventHistory.snapshot(dataSource, model.eventTypes())) {
                job.position = history.position();
                job.total = history.total();
                versions.builtUpTo(model.name(), job.version, job.position);
                build(job, history);
                start = new LiveStart(history.token(), history.countsByType());
            }
            var built = System.nanoTime();
            model.complete(job.version);
            // A version without its indexes serves nobody: the job's rate counts them as part of the build.
            job.buildFinished = System.nanoTime();
            job.state = "CHECKING";
            job.checks.addAll(model.checkAgainstEvents(job.version, job.position, start.countsByType()));
            requirePassed(job);

            job.state = "CATCHING_UP";
            var main = mainProcessor(model);
            var segments = Math.max(1, tokenStore.fetchSegments(model.name()).length);
            live = liveProcessor(job, start, segments, liveExecutors);
            live.start();
            var caughtUp = live;
            await(() -> caughtUp.processingStatus().size() == segments
                    && caughtUp.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()),
                    CATCH_UP, "the new version did not catch up with the events within " + CATCH_UP);
            var servingAtP = awaitQuietly(() -> main.processingStatus().size() == segments(model)
                    && main.processingStatus().values().stream()
                            .allMatch(status -> status.getCurrentPosition().orElse(-1) >= job.position),
                    SERVING_AT_P);
            job.checks.add(servingAtP ? model.compare(serving, job.version, job.position)
                    : new Check("same rows as v" + serving + " up to position " + job.position,
                            "v" + serving + " at position " + job.position, "v" + serving + " not there yet", false));
            requirePassed(job);

            job.state = "SWITCHING";
            var compared = System.nanoTime();
            switchOver(job, serving, main, live);
            live = null;
            retire(model, serving);
            job.state = "DONE";
            // Where a rebuild's time goes after the build: quick's scenario 4 found ~8 s per job after "Built".
            LOG.info("Rebuilt {} as v{} from {} events up to position {}; after the build: completing {} ms, "
                    + "counting, catching up and comparing {} ms, switching {} ms", model.name(), job.version,
                    job.total, job.position, (job.buildFinished - built) / 1_000_000,
                    (compared - job.buildFinished) / 1_000_000, (System.nanoTime() - compared) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Rebuild {} of {} failed", job.id, model.name(), e);
            job.failure = e.getMessage() == null ? e.toString() : e.getMessage();
            job.state = "FAILED";
            if (live != null) {
                live.shutDown();
            }
            abandon(job);
        } finally {
            liveExecutors.forEach(ExecutorService::shutdownNow);
        }
    }

    /** Where the new version's processor starts, and what the build was checked against. */
    private record LiveStart(TrackingToken token, Map<String, Long> countsByType) {}

    private void build(Job job, EventHistory history) {
        job.buildStarted = System.nanoTime();
        history.build(job.model, job.version, parallelism, job.done::add);
        LOG.info("Built {} v{}: {} events in {} ms", job.model.name(), job.version, job.done.sum(),
                (System.nanoTime() - job.buildStarted) / 1_000_000);
    }

    private static void requirePassed(Job job) {
        var failed = job.checks.stream().filter(check -> !check.passed()).toList();
        if (!failed.isEmpty() && !job.allowDifferences) {
            throw new IllegalStateException("checks failed: " + failed.stream().map(Check::name).toList()
                    + "; the serving version stays (request allowDifferences to switch anyway)");
        }
    }

    private StreamingEventProcessor mainProcessor(RebuildableReadModel model) {
        var configuration = processing.getIfAvailable();
        if (configuration == null) {
            throw new IllegalStateException("no event processors are configured on this instance");
        }
        return configuration.eventProcessor(model.name(), StreamingEventProcessor.class).orElseThrow(
                () -> new IllegalStateException("no processor " + model.name() + " runs on this instance"));
    }

    private int segments(RebuildableReadModel model) {
        return tokenStore.fetchSegments(model.name()).length;
    }

    private static String liveName(RebuildableReadModel model, int version) {
        return model.name() + "@v" + version;
    }

    /** The new version's processor: its tokens start at P, waiting for the gaps below it. */
    private PooledStreamingEventProcessor liveProcessor(Job job, LiveStart start, int segments,
                                                        List<ScheduledExecutorService> executors) {
        var model = job.model;
        var name = liveName(model, job.version);
        var coordinator = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-coordinator").daemon().factory());
        var workers = Executors.newScheduledThreadPool(Math.min(segments, 4),
                Thread.ofPlatform().name(name + "-worker-", 1).daemon().factory());
        executors.add(coordinator);
        executors.add(workers);
        return PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(model.liveHandler(job.version))
                        .sequencingPolicy(model.sequencingPolicy())
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(new PrefetchingEventSource(eventStore))
                .tokenStore(tokenStore)
                .transactionManager(new ReadModelTransactions(axonTransactions, jdbc))
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(segments)
                .initialToken(source -> start.token())
                .batchSize(LIVE_BATCH_SIZE)
                .tokenClaimInterval(LIVE_CLAIM_INTERVAL.toMillis())
                .build();
    }

    /**
     * Both processors stop; readers switch, the switch is recorded and the read model's processor takes over the new
     * version's tokens, all in one transaction; then the processor starts again, writing the new version. Readers
     * see the old version until the commit and the new one after it.
     */
    private void switchOver(Job job, int serving, StreamingEventProcessor main, PooledStreamingEventProcessor live) {
        var model = job.model;
        var liveName = liveName(model, job.version);
        main.shutDown();
        try {
            live.shutDown();
            transactions.executeWithoutResult(status -> {
                model.switchReaders(serving, job.version);
                versions.switched(model.name(), serving, job.version);
                jdbc.update("delete from token_entry where processor_name = ?", model.name());
                jdbc.update("""
                        insert into token_entry (processor_name, segment, token, token_type, timestamp, owner)
                        select ?, segment, token, token_type, timestamp, null from token_entry
                         where processor_name = ?
                        """, model.name(), liveName);
                jdbc.update("delete from token_entry where processor_name = ?", liveName);
            });
            model.retarget(job.version);
        } finally {
            main.start();
        }
    }

    private void retire(RebuildableReadModel model, int version) {
        if (model.dropsSafelyAtOnce()) {
            drop(model, version);
        } else {
            later.schedule(() -> drop(model, version), DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drop(RebuildableReadModel model, int version) {
        try {
            model.drop(version);
            versions.dropped(model.name(), version);
        } catch (RuntimeException e) {
            LOG.warn("Could not drop {} v{}; the next rebuild tries again", model.name(), version, e);
        }
    }

    /** What earlier rebuilds left: a failure, a restart mid-way, a retired version not dropped yet. */
    private void dropLeftovers(RebuildableReadModel model) {
        for (var version : versions.leftovers(model.name())) {
            versions.failed(model.name(), version);
            jdbc.update("delete from token_entry where processor_name = ?", liveName(model, version));
            drop(model, version);
        }
    }

    private void abandon(Job job) {
        if (job.version == 0) {
            return;
        }
        try {
            versions.failed(job.model.name(), job.version);
            jdbc.update("delete from token_entry where processor_name = ?", liveName(job.model, job.version));
            drop(job.model, job.version);
        } catch (RuntimeException e) {
            LOG.warn("Could not clean up after rebuild {}; the next rebuild tries again", job.id, e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String failure) {
        if (!awaitQuietly(condition, timeout)) {
            throw new IllegalStateException(failure);
        }
    }

    private static boolean awaitQuietly(BooleanSupplier condition, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
        return true;
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
        later.shutdownNow();
    }
}
