package io.emporium.bench.report;

import io.emporium.bench.process.Servers;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What the figures were measured on: a figure means little without the machine, the JVM and the database
 * settings behind it.
 *
 * @param postgresSettings the settings that decide commit and read costs, as PostgreSQL reports them
 * @param engine           the engine jar and the commit it was built from, as far as git can tell
 */
public record Machine(int cores, String cpuModel, long memoryBytes, String os, String jvm, String postgresVersion,
                     Map<String, String> postgresSettings, String kafkaVersion, String elasticsearchVersion,
                     String engine) {

    /** The PostgreSQL settings the report names. */
    public static final List<String> POSTGRES_SETTINGS = List.of("synchronous_commit", "fsync", "wal_level",
            "shared_buffers", "full_page_writes", "wal_sync_method", "max_wal_size", "checkpoint_timeout",
            "max_connections");

    public Machine {
        postgresSettings = Map.copyOf(postgresSettings);
    }

    public static Machine describe(Servers servers, Path engineJar) {
        var settings = new LinkedHashMap<String, String>();
        var version = "unknown";
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            try (var row = statement.executeQuery("show server_version")) {
                row.next();
                version = row.getString(1);
            }
            for (var name : POSTGRES_SETTINGS) {
                try (var row = statement.executeQuery("show " + name)) {
                    row.next();
                    settings.put(name, row.getString(1));
                }
            }
        } catch (SQLException e) {
            settings.put("error", e.getMessage());
        }
        var versions = serverVersions();
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (load generator's collector: " + collector() + ")",
                version, settings, versions.getProperty("kafka.version", "unknown"),
                elasticsearchVersion(servers.elasticsearch()), engine(engineJar));
    }

    /** The suite's own garbage collector: its pauses delay sends and answers, so they belong to the machine. */
    private static String collector() {
        var names = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .toList();
        for (var known : List.of("ZGC", "Shenandoah", "G1", "Parallel", "Serial")) {
            if (names.stream().anyMatch(name -> name.contains(known))) {
                return known;
            }
        }
        return String.join(", ", names);
    }

    /** The settings in report order, as {@code name=value}. */
    public String postgresSettingsText() {
        var text = new StringBuilder();
        for (var name : POSTGRES_SETTINGS) {
            var value = postgresSettings.get(name);
            if (value != null) {
                text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value);
            }
        }
        return text.toString();
    }

    private static String readCpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long readMemoryBytes() {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Properties serverVersions() {
        var properties = new Properties();
        try (var in = Machine.class.getResourceAsStream("/emporium-servers.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The report says "unknown".
        }
        return properties;
    }

    private static String elasticsearchVersion(URI uri) {
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            var body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var matcher = Pattern.compile("\"number\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            return matcher.find() ? matcher.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The jar, and the commit of the work tree it lies in (with "-dirty" for uncommitted changes). */
    private static String engine(Path jar) {
        var root = jar.toAbsolutePath().normalize();
        for (var i = 0; i < 4 && root.getParent() != null; i++) {
            root = root.getParent();
        }
        var commit = git(root, "describe", "--always", "--dirty");
        return jar.toAbsolutePath().normalize() + (commit.isEmpty() ? "" : ", commit " + commit);
    }

    private static String git(Path directory, String... arguments) {
        var command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
