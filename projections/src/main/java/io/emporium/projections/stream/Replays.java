package io.emporium.projections.stream;

import io.emporium.projections.BinaryCopyRows;
import io.emporium.projections.Futures;
import io.emporium.projections.RefusedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.DateTimeUtils;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays of the event history into a new, versioned topic, on demand: the whole history, a range of positions or
 * times, or some event types. Rows are copied straight from the event table, ranges of positions by parallel
 * readers inside one exported snapshot, and published in position order without deserializing the events (their
 * stored JSON becomes the envelope's data as it is), in Kafka transactions of {@value #TRANSACTION_SIZE} events: a
 * consumer reading committed records sees whole chunks only, and a replay that fails leaves a topic that is
 * obviously incomplete (its job says so) rather than silently short. A replay publishes the history as committed
 * when it starts; the live export keeps publishing what comes after.
 */
@Component
public class Replays implements DisposableBean {

    /** A topic a replay may write: a context's name and a version, never one of the live topics. */
    private static final Pattern TOPIC = Pattern.compile("emporium\\.[a-z]+\\.v[0-9]{1,4}(-[a-z0-9-]{1,40})?");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final int TRANSACTION_SIZE = 10_000;
    /** Parallel readers: PostgreSQL produces the next ranges' rows while the sender sends the current one. */
    private static final int READERS = 2;
    /** Positions per range a reader reads: a few megabytes of envelopes in memory per range. */
    private static final long CHUNK_WIDTH = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);

    /**
     * What to replay. Absent bounds are open; absent types mean all.
     *
     * @param types simple names of event types, such as {@code OrderPlaced}
     */
    public record Request(String topic, @Nullable Long fromPosition, @Nullable Long toPosition,
                          @Nullable Instant fromTime, @Nullable Instant toTime, @Nullable List<String> types) {}

    /** Where a replay stands. */
    public record Progress(String id, String topic, String state, long done, long total, double eventsPerSecond,
                           @Nullable Double secondsLeft, @Nullable String failure) {}

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final Request request;
        final AtomicLong done = new AtomicLong();
        volatile long total;
        volatile String state = "RUNNING";
        volatile @Nullable String failure;
        final long started = System.nanoTime();
        volatile long finished;

        Job(Request request) {
            this.request = request;
        }
    }

    private final DataSource dataSource;
    private final String compression;
    private final Map<String, Object> kafka;
    private final JsonMapper json;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("replay-", 1).daemon().factory());

    Replays(DataSource dataSource, KafkaConnectionDetails kafka, JsonMapper json,
            @Value("${emporium.replay.compression:lz4}") String compression) {
        this.dataSource = dataSource;
        this.compression = compression;
        this.kafka = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        this.json = json;
    }

    /** Starts a replay in the background and returns its first progress. */
    public Progress start(Request request) {
        if (request.topic() == null || !TOPIC.matcher(request.topic()).matches()) {
            throw new RefusedRequest("topic", "must look like emporium.<context>.v<N>, optionally with a -suffix");
        }
        if (ExportTopics.names().contains(request.topic()) || request.topic().equals(ExportedPositions.TOPIC)) {
            throw new RefusedRequest("topic", "is a live topic; a replay writes a new one");
        }
        if (request.fromPosition() != null && request.toPosition() != null
                && request.fromPosition() > request.toPosition()) {
            throw new RefusedRequest("fromPosition", "must not be after toPosition");
        }
        if (request.types() != null && request.types().stream()
                .anyMatch(type -> type == null || !TYPE_NAME.matcher(type).matches())) {
            throw new RefusedRequest("types", "must be simple names of event types, such as OrderPlaced");
        }
        if (jobs.values().stream().anyMatch(job -> job.request.topic().equals(request.topic()))) {
            throw new RefusedRequest("topic", "was written by a replay already");
        }
        if (topicExists(request.topic())) {
            throw new RefusedRequest("topic", "exists already; a replay writes a topic of its own, so that a retried "
                    + "request cannot publish the history twice");
        }
        var job = new Job(request);
        jobs.put(job.id, job);
        runner.submit(() -> run(job));
        return progress(job);
    }

    private boolean topicExists(String topic) {
        try (var admin = Admin.create(kafka)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not list its topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing Kafka's topics", e);
        }
    }

    public Optional<Progress> progress(String id) {
        return Optional.ofNullable(jobs.get(id)).map(this::progress);
    }

    public List<Progress> all() {
        return jobs.values().stream().map(this::progress).toList();
    }

    private Progress progress(Job job) {
        var done = job.done.get();
        var end = job.finished == 0 ? System.nanoTime() : job.finished;
        var seconds = Math.max(1e-3, (end - job.started) / 1e9);
        var rate = done / seconds;
        Double left = job.state.equals("RUNNING") && rate > 0 ? Math.max(0, job.total - done) / rate : null;
        return new Progress(job.id, job.request.topic(), job.state, done, job.total, rate, left, job.failure);
    }

    /** The records of one range of positions, in position order, and how many rows the range held. */
    private record Chunk(List<ProducerRecord<String, byte[]>> records, long rows) {}

    private void run(Job job) {
        var filter = new Filter(job.request);
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig(job), new StringSerializer(),
                new ByteArraySerializer());
             var snapshot = dataSource.getConnection();
             var readers = Executors.newFixedThreadPool(READERS,
                     Thread.ofPlatform().name("replay-reader-", 1).daemon().factory())) {
            producer.initTransactions();
            // One snapshot, exported to every reader: the ranges together are the history as committed now.
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String exported;
            long first;
            long last;
            try (var statement = snapshot.createStatement();
                 var rows = statement.executeQuery("""
                         select pg_export_snapshot(), count(*), min(global_index), max(global_index)
                           from domain_event_entry where %s""".formatted(filter.where))) {
                rows.next();
                exported = rows.getString(1);
                job.total = rows.getLong(2);
                first = rows.getLong(3);
                last = rows.getLong(4);
            }
            // Readers run ahead of the sender by a few ranges; the sender takes the ranges in position order.
            var chunks = new ArrayDeque<Future<Chunk>>();
            var next = first - 1;
            var inTransaction = 0;
            producer.beginTransaction();
            while (job.total > 0 && (next < last || !chunks.isEmpty())) {
                while (next < last && chunks.size() < READERS + 1) {
                    var after = next;
                    var upTo = Math.min(last, next + CHUNK_WIDTH);
                    chunks.add(readers.submit(() -> read(job, filter, exported, after, upTo)));
                    next = upTo;
                }
                var chunk = Futures.await(chunks.remove(), "replaying");
                for (var record : chunk.records()) {
                    producer.send(record);
                    if (++inTransaction == TRANSACTION_SIZE) {
                        producer.commitTransaction();
                        producer.beginTransaction();
                        inTransaction = 0;
                    }
                }
                job.done.addAndGet(chunk.rows());
            }
            producer.commitTransaction();
            snapshot.rollback();
            job.state = "DONE";
        } catch (RuntimeException | SQLException e) {
            LOG.warn("Replay {} into {} failed", job.id, job.request.topic(), e);
            job.failure = e.toString();
            job.state = "FAILED";
        } finally {
            job.finished = System.nanoTime();
        }
    }

    /**
     * Reads the events in (after, upTo] inside the exported snapshot, as records ready to send. PostgreSQL only
     * sends the stored columns, by binary COPY; the envelope is put together here. Putting it together in SQL
     * ({@code to_json}, the metadata parsed as {@code json}) held PostgreSQL at about one core for 82k events/s.
     */
    private Chunk read(Job job, Filter filter, String snapshot, long after, long upTo) throws SQLException {
        var records = new ArrayList<ProducerRecord<String, byte[]>>();
        var rows = 0L;
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                try (var statement = connection.createStatement()) {
                    statement.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                }
                try (var copy = new PGCopyInputStream(connection.unwrap(PGConnection.class),
                        ROWS.formatted(filter.where, after, upTo))) {
                    var stored = new StoredRows(copy);
                    for (var row = stored.next(); row != null; row = stored.next()) {
                        rows++;
                        var target = published(row.payloadType());
                        if (target != null) {
                            records.add(new ProducerRecord<>(job.request.topic(),
                                    new String(row.stored().aggregateId(), StandardCharsets.UTF_8),
                                    target.envelope(row.stored())));
                        }
                    }
                } catch (IOException e) {
                    throw new SQLException("the event table could not be read", e);
                }
            } finally {
                connection.rollback();
            }
        }
        return new Chunk(records, rows);
    }

    /** The stored columns of the events {@link StoredEnvelope} needs, in position order. */
    private static final String ROWS = """
            copy (select global_index, sequence_number, payload_type, aggregate_identifier, event_identifier,
                         timestamp, meta_data, payload
                    from domain_event_entry
                   where %s and global_index > %d and global_index <= %d order by global_index)
              to stdout (format binary)""";

    /** An event row of {@link #ROWS} and the name of its stored type. */
    private record CopiedRow(String payloadType, StoredEnvelope.Row stored) {}

    /** The rows of {@link #ROWS}, each with the name of its stored type. */
    private static final class StoredRows {

        private final BinaryCopyRows rows;

        StoredRows(InputStream source) throws IOException {
            this.rows = new BinaryCopyRows(source, 8);
        }

        /** The next row, or null after the last one. */
        @Nullable CopiedRow next() throws IOException {
            if (!rows.next()) {
                return null;
            }
            var position = rows.int8();
            var sequence = rows.int8();
            var payloadType = rows.text();
            return new CopiedRow(payloadType, new StoredEnvelope.Row(position, sequence, rows.field(), rows.field(),
                    rows.field(), rows.nullableField(), rows.field()));
        }
    }

    private Map<String, Object> producerConfig(Job job) {
        var config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emporium-replay-" + job.id);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        return config;
    }

    private final Map<String, Optional<StoredEnvelope>> published = new ConcurrentHashMap<>();

    private @Nullable StoredEnvelope published(String payloadType) {
        return published.computeIfAbsent(payloadType, name -> {
            try {
                var type = Class.forName(name, false, Replays.class.getClassLoader());
                return ExportTopics.ofType(type).map(context -> StoredEnvelope.of(context, type, json));
            } catch (ClassNotFoundException e) {
                return Optional.empty(); // an event type no longer known: nothing a context publishes
            }
        }).orElse(null);
    }

    /**
     * The request's bounds as SQL over the event table, their values written out (COPY takes no parameters): numbers,
     * instants formatted here and type names {@link #start} checked to be names.
     */
    private static final class Filter {
        final String where;

        Filter(Request request) {
            var conditions = new ArrayList<String>();
            conditions.add("true");
            if (request.fromPosition() != null) {
                conditions.add("global_index >= " + request.fromPosition());
            }
            if (request.toPosition() != null) {
                conditions.add("global_index <= " + request.toPosition());
            }
            if (request.fromTime() != null) {
                conditions.add("timestamp >= '" + DateTimeUtils.formatInstant(request.fromTime()) + "'");
            }
            if (request.toTime() != null) {
                conditions.add("timestamp <= '" + DateTimeUtils.formatInstant(request.toTime()) + "'");
            }
            if (request.types() != null && !request.types().isEmpty()) {
                // An underscore in a name is itself, not LIKE's one-character wildcard.
                conditions.add(request.types().stream()
                        .map(type -> "payload_type like '%$" + type.replace("_", "\\_") + "'")
                        .collect(Collectors.joining(" or ", "(", ")")));
            }
            where = String.join(" and ", conditions);
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
