package io.emporium.projections.stream;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.emporium.contracts.schema.EventSchemas;
import io.emporium.projections.RefusedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.DateTimeUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays of the event history into a new, versioned topic, on demand: the whole history, a range of positions or
 * times, or some event types. Rows are read straight from the event table with a streaming cursor and published
 * without deserializing the events (their stored JSON becomes the envelope's data as it is), in Kafka transactions
 * of {@value #TRANSACTION_SIZE} events: a consumer reading committed records sees whole chunks only, and a replay
 * that fails leaves a topic that is obviously incomplete (its job says so) rather than silently short. A replay
 * publishes the history as committed when it starts; the live export keeps publishing what comes after.
 */
@Component
public class Replays implements DisposableBean {

    /** A topic a replay may write: a context's name and a version, never one of the live topics. */
    private static final Pattern TOPIC = Pattern.compile("emporium\\.[a-z]+\\.v[0-9]{1,4}(-[a-z0-9-]{1,40})?");
    private static final int TRANSACTION_SIZE = 10_000;
    private static final int FETCH_SIZE = 5_000;
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

    private record Envelope(String specversion, String id, String source, String type, String time, String subject,
                            String datacontenttype, String dataschema, long position, long sequence,
                            @Nullable String correlationid, @Nullable String causationid,
                            @JsonRawValue String data) {}

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

    private final JdbcTemplate jdbc;
    private final Map<String, Object> kafka;
    private final JsonMapper json;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("replay-", 1).daemon().factory());

    Replays(DataSource dataSource, KafkaConnectionDetails kafka, JsonMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
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

    private void run(Job job) {
        var filter = new Filter(job.request);
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig(job), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            job.total = jdbc.queryForObject("select count(*) from domain_event_entry where " + filter.where,
                    Long.class, filter.arguments.toArray());
            var inTransaction = new AtomicLong();
            producer.beginTransaction();
            jdbc.query("""
                    select global_index, event_identifier, aggregate_identifier, sequence_number, timestamp,
                           payload_type, payload, meta_data
                      from domain_event_entry where %s order by global_index
                    """.formatted(filter.where), row -> {
                var payloadType = row.getString("payload_type");
                var target = published(payloadType);
                if (target == null) {
                    job.done.incrementAndGet();
                    return;
                }
                var metaData = json.readTree(row.getBytes("meta_data"));
                var envelope = new Envelope("1.0", row.getString("event_identifier"), target.context().source(),
                        target.type(), row.getString("timestamp"),
                        row.getString("aggregate_identifier"), "application/json", target.schema(),
                        row.getLong("global_index"),
                        row.getLong("sequence_number"), text(metaData, "traceId"), text(metaData, "correlationId"),
                        new String(row.getBytes("payload"), StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(job.request.topic(), envelope.subject(),
                        json.writeValueAsBytes(envelope)));
                job.done.incrementAndGet();
                if (inTransaction.incrementAndGet() == TRANSACTION_SIZE) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    inTransaction.set(0);
                }
            }, filter.arguments.toArray());
            producer.commitTransaction();
            job.state = "DONE";
        } catch (RuntimeException e) {
            LOG.warn("Replay {} into {} failed", job.id, job.request.topic(), e);
            job.failure = e.toString();
            job.state = "FAILED";
        } finally {
            job.finished = System.nanoTime();
        }
    }

    private Map<String, Object> producerConfig(Job job) {
        var config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emporium-replay-" + job.id);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        return config;
    }

    /**
     * Where events of one stored type go, their CloudEvents type and their schema: worked out once per type, not per
     * row.
     */
    private record Published(ExportTopics context, String type, String schema) {}

    private final Map<String, Optional<Published>> published = new ConcurrentHashMap<>();

    private @Nullable Published published(String payloadType) {
        return published.computeIfAbsent(payloadType, name -> {
            try {
                var type = Class.forName(name, false, Replays.class.getClassLoader());
                return ExportTopics.ofType(type).map(context -> new Published(context, context.type(type),
                        EventSchemas.uriOf(type)));
            } catch (ClassNotFoundException e) {
                return Optional.empty(); // an event type no longer known: nothing a context publishes
            }
        }).orElse(null);
    }

    private static @Nullable String text(tools.jackson.databind.JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The request's bounds as SQL over the event table. */
    private static final class Filter {
        final String where;
        final List<Object> arguments = new ArrayList<>();

        Filter(Request request) {
            var conditions = new ArrayList<String>();
            conditions.add("true");
            if (request.fromPosition() != null) {
                conditions.add("global_index >= ?");
                arguments.add(request.fromPosition());
            }
            if (request.toPosition() != null) {
                conditions.add("global_index <= ?");
                arguments.add(request.toPosition());
            }
            if (request.fromTime() != null) {
                conditions.add("timestamp >= ?");
                arguments.add(DateTimeUtils.formatInstant(request.fromTime()));
            }
            if (request.toTime() != null) {
                conditions.add("timestamp <= ?");
                arguments.add(DateTimeUtils.formatInstant(request.toTime()));
            }
            if (request.types() != null && !request.types().isEmpty()) {
                conditions.add("(" + String.join(" or ",
                        request.types().stream().map(type -> "payload_type like ?").toList()) + ")");
                request.types().forEach(type -> arguments.add("%$" + type));
            }
            where = String.join(" and ", conditions);
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
