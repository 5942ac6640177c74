package io.emporium.cdcprobe;

import io.emporium.cdcprobe.capture.DebeziumExport;
import io.emporium.cdcprobe.engine.EngineExport;
import io.emporium.cdcprobe.measure.CommittedRecords;
import io.emporium.cdcprobe.measure.CpuTimes;
import io.emporium.cdcprobe.rows.Backlog;
import io.emporium.servers.EmbeddedServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * Measures one design of ADR 007 catching up on a backlog, on servers this JVM starts (PostgreSQL with
 * {@code wal_level=logical}, Kafka, and Elasticsearch plus the PSP simulator, which only the engine uses but both
 * runs start, so the machine is in the same state for both):
 * <pre>
 * java -cp target/cdc-probe.jar:$(cat target/cdc-probe.classpath) io.emporium.cdcprobe.CdcExportRate \
 *     debezium|engine [events, 300000] [events per transaction, 1000]
 * </pre>
 * Both write the same rows into domain_event_entry in transactions of 1,000, while no exporter runs, then start
 * the exporter and time until every event is committed in Kafka. Lines starting with {@code RESULT} are the figures.
 */
public final class CdcExportRate {

    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int ROWS_PER_TRANSACTION = 1_000;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private CdcExportRate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("debezium", "engine").contains(args[0])) {
            System.err.println("usage: CdcExportRate debezium|engine [events] [events per transaction]");
            System.exit(2);
        }
        var design = args[0];
        var events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 300_000L;
        var batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        // Logical decoding needs it; the engine's run gets it too, so both pay the same WAL volume on insert.
        System.setProperty(EmbeddedServers.POSTGRES_SETTINGS, "wal_level=logical");
        var servers = EmbeddedServers.get();
        var postgres = servers.postgres();
        var kafka = servers.kafkaBootstrapServers();
        var elasticsearch = servers.elasticsearchUri();
        var psp = servers.pspSimulatorUri();
        var url = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database();
        say("servers up: PostgreSQL %s, Kafka %s, Elasticsearch %s", url, kafka, elasticsearch);
        try (var connection = connect(url, postgres.username(), postgres.password())) {
            var postmaster = postmasterPid(connection);
            var engine = new AtomicReference<@Nullable EngineExport>();
            var cpu = new CpuTimes()
                    .party("exporter JVM", () -> design.equals("debezium")
                            ? List.of(ProcessHandle.current())
                            : engine.get() == null ? List.of() : CpuTimes.tree(engine.get().process()))
                    .party("postgres", () -> ProcessHandle.of(postmaster).map(CpuTimes::tree).orElse(List.of()))
                    .party("kafka", () -> CpuTimes.childrenRunning("kafka.Kafka"))
                    .party("elasticsearch", () -> CpuTimes.childrenRunning("org.elasticsearch"))
                    .party("probe JVM", () -> design.equals("debezium") ? List.of() : List.of(ProcessHandle.current()));
            if (design.equals("debezium")) {
                debezium(connection, url, postgres, kafka, events, batch, cpu);
            } else {
                var environment = Map.of("SPRING_DATASOURCE_URL", url,
                        "SPRING_DATASOURCE_USERNAME", postgres.username(),
                        "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                        "SPRING_ELASTICSEARCH_URIS", elasticsearch.toString(),
                        "EMPORIUM_PAYMENTS_PSP_URL", psp.toString());
                engine(connection, environment, kafka, events, batch, cpu, engine);
            }
        }
        System.exit(0);
    }

    private static void debezium(Connection connection, String url, EmbeddedServers.Postgres postgres, String kafka,
                                 long events, int batch, CpuTimes cpu) throws Exception {
        Flyway.configure().dataSource(url, postgres.username(), postgres.password()).load().migrate();
        try (var statement = connection.createStatement()) {
            // Before the backlog: from here on PostgreSQL keeps the WAL the slot has not confirmed.
            statement.execute("create publication " + DebeziumExport.SLOT + " for table public.domain_event_entry");
            statement.execute("select pg_create_logical_replication_slot('" + DebeziumExport.SLOT + "', 'pgoutput')");
        }
        var written = writeBacklog(connection, events);
        DebeziumExport.createPositionsTopic(kafka);
        var database = new DebeziumExport.Database(postgres.host(), postgres.port(), postgres.database(),
                postgres.username(), postgres.password());
        settle();
        var before = cpu.snapshot();
        var start = System.nanoTime();
        try (var export = DebeziumExport.start(database, kafka, written.events(), batch)) {
            // Polled as the engine's token is, so both designs' first commit is seen the same way.
            while (export.transactions() == 0 && System.nanoTime() - start < LIMIT.toNanos()) {
                Thread.sleep(POLL.toMillis());
            }
            var firstCommit = System.nanoTime();
            var atFirst = cpu.snapshot();
            var afterFirst = written.events() - export.committed();
            var all = export.awaitAll(LIMIT);
            var end = System.nanoTime();
            var after = cpu.snapshot();
            if (!all) {
                say("RESULT debezium INCOMPLETE: %,d of %,d events committed within %d s", export.committed(),
                        written.events(), LIMIT.toSeconds());
                return;
            }
            report("debezium", written.events(), batch, start, firstCommit, afterFirst, end, export.transactions(),
                    after.since(before), after.since(atFirst));
        }
        var count = CommittedRecords.of(kafka, DebeziumExport.TOPIC);
        say("RESULT debezium topic %s read_committed: %,d records, %,d distinct event ids, %.0f bytes a value",
                DebeziumExport.TOPIC, count.records(), count.distinctIds(), count.meanValueBytes());
    }

    private static void engine(Connection connection, Map<String, String> environment, String kafka, long events,
                               int batch, CpuTimes cpu, AtomicReference<@Nullable EngineExport> running)
            throws Exception {
        var jar = engineJar();
        var logs = Files.createTempDirectory("cdc-probe-engine-");
        var arguments = List.of("--emporium.export.batch-size=" + batch);
        // A first start on the empty store migrates the schema and registers every processor's token.
        try (var first = EngineExport.start(jar, environment, arguments, logs.resolve("engine-first.log"))) {
            first.awaitReady();
            while (EngineExport.tokens(connection).stream().noneMatch(t -> t.startsWith(EngineExport.PROCESSOR))) {
                Thread.sleep(POLL.toMillis());
            }
        }
        var written = writeBacklog(connection, events);
        var moved = EngineExport.moveOtherProcessorsTo(connection, written.lastPosition());
        say("moved %d token rows of other processors to %,d; tokens now: %s", moved, written.lastPosition(),
                summary(EngineExport.tokens(connection)));
        var initial = EngineExport.exportPosition(connection);
        settle();
        var before = cpu.snapshot();
        var start = System.nanoTime();
        var firstCommit = 0L;
        var afterFirst = 0L;
        var atFirst = before;
        long end;
        var engine = EngineExport.start(jar, environment, arguments, logs.resolve("engine.log"));
        running.set(engine);
        try {
            var deadline = start + LIMIT.toNanos();
            var position = initial;
            while (position < written.lastPosition()) {
                if (System.nanoTime() > deadline || !engine.process().isAlive()) {
                    say("RESULT engine INCOMPLETE: token at %,d of %,d (engine alive: %s); log %s", position,
                            written.lastPosition(), engine.process().isAlive(), logs);
                    return;
                }
                Thread.sleep(POLL.toMillis());
                position = EngineExport.exportPosition(connection);
                if (firstCommit == 0 && position > initial) {
                    firstCommit = System.nanoTime();
                    atFirst = cpu.snapshot();
                    // What the first commit (or first few, between two polls) did not cover yet.
                    afterFirst = written.lastPosition() - position;
                }
            }
            end = System.nanoTime();
            var after = cpu.snapshot();
            // One token update per processor batch: the batches are the Kafka transactions.
            report("engine", written.events(), batch, start, firstCommit, afterFirst, end,
                    (written.events() + batch - 1) / batch, after.since(before), after.since(atFirst));
            say("tokens after: %s", summary(EngineExport.tokens(connection)));
        } finally {
            engine.close();
            running.set(null);
        }
        var count = CommittedRecords.of(kafka, EngineExport.TOPIC);
        say("RESULT engine topic %s read_committed: %,d records, %,d distinct event ids, %.0f bytes a value; "
                + "engine logs in %s", EngineExport.TOPIC, count.records(), count.distinctIds(),
                count.meanValueBytes(), logs);
    }

    /**
     * Lets the servers' start-up work (Elasticsearch keeps a core busy for a while after it answers) and the
     * insert's after-effects die down, so that a measurement starts on a quiet machine.
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }

    private static Backlog.Written writeBacklog(Connection connection, long events) throws SQLException {
        var written = Backlog.write(connection, events, ROWS_PER_TRANSACTION);
        Backlog.settle(connection);
        say("backlog: %,d events at positions %,d..%,d written in %.1f s; payload %d bytes, metadata %d bytes",
                written.events(), written.firstPosition(), written.lastPosition(), written.took().toMillis() / 1e3,
                written.payloadBytes(), written.metaDataBytes());
        return written;
    }

    /**
     * @param afterFirst events committed after the first commit: the steady rate leaves out the exporter's start
     *                   and its first transaction, which hold its connection setup and a cold JIT
     */
    private static void report(String design, long events, int batch, long start, long firstCommit,
                               long afterFirst, long end, long transactions, String cpu, String steadyCpu) {
        var seconds = (end - start) / 1e9;
        var steady = (end - firstCommit) / 1e9;
        say("RESULT %s N=%d batch=%d seconds=%.1f events/s=%.0f (from exporter start to last commit)", design,
                events, batch, seconds, events / seconds);
        say("RESULT %s from first to last Kafka commit: %,d events in %.1f s, %.0f events/s; %d transactions",
                design, afterFirst, steady, afterFirst / steady, transactions);
        say("RESULT %s CPU from exporter start: %s", design, cpu);
        say("RESULT %s CPU from first to last commit: %s", design, steadyCpu);
    }

    /** The export's tokens in full, the others as a count per distinct token: they should not have moved. */
    private static String summary(List<String> tokens) {
        var export = tokens.stream().filter(token -> token.startsWith(EngineExport.PROCESSOR + "/")).toList();
        var others = tokens.stream().filter(token -> !token.startsWith(EngineExport.PROCESSOR + "/"))
                .map(token -> token.substring(token.indexOf(' ') + 1))
                .collect(java.util.stream.Collectors.groupingBy(token -> token, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        return export + ", other processors' segments: " + others;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, properties);
    }

    /** The postmaster's pid, from postmaster.pid in the data directory the server itself reports. */
    private static long postmasterPid(Connection connection) throws SQLException, IOException {
        try (var statement = connection.createStatement(); var row = statement.executeQuery("show data_directory")) {
            row.next();
            return Long.parseLong(Files.readAllLines(Path.of(row.getString(1), "postmaster.pid")).getFirst().trim());
        }
    }

    private static Path engineJar() throws IOException {
        var configured = System.getProperty("cdc-probe.engine.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        var properties = new Properties();
        try (var in = CdcExportRate.class.getResourceAsStream("/cdc-probe.properties")) {
            if (in == null) {
                throw new IllegalStateException("cdc-probe.properties is missing from the classpath");
            }
            properties.load(in);
        }
        return Path.of(properties.getProperty("engine.jar"));
    }

    private static void say(String format, Object... arguments) {
        System.out.println(String.format(Locale.ROOT, format, arguments));
        System.out.flush();
    }
}
