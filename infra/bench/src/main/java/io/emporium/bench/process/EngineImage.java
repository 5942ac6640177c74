package io.emporium.bench.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The engine as the JVM starts and warms it fastest: Spring Boot's extracted form of the jar with a JDK AOT cache
 * (JEP 483 and 515: classes loaded and linked, and method profiles, from a training run). Without it every engine
 * the suite starts is measured cold: in one quick run the fat jar's engines reported starting in 12.1-14.7 s (4.8-7.7
 * s from the cache in four later runs), and JIT compilation was still a quarter of the engine's CPU after 150 s of
 * load. The cache belongs to one jar and one JDK; it lives beside the jar, so a rebuilt jar or another JDK gets a
 * new one.
 */
public final class EngineImage {

    private static final Duration EXTRACTION_LIMIT = Duration.ofMinutes(2);
    private static final Duration ASSEMBLY_LIMIT = Duration.ofMinutes(5);

    private final Path directory;
    private final Path jar;
    private final String stamp;
    /** Engines start from a trained AOT cache; otherwise from a dynamic class-data archive. */
    private final boolean usesAotCache;
    /** The engine's own JVM options, shipped beside its jar: the same that {@code ./emporium run} uses. */
    private final Path options;

    EngineImage(Path directory, Path jar, String stamp, boolean usesAotCache, Path options) {
        this.directory = directory;
        this.jar = jar;
        this.stamp = stamp;
        this.usesAotCache = usesAotCache;
        this.options = options;
    }

    /**
     * The extracted form of {@code jar} for this JDK, extracted anew (and its cache dropped) when the jar or the JDK
     * differs from the one it was made from.
     */
    public static EngineImage of(Path jar, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the engine first (./emporium build)");
        }
        var options = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jvm-options");
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException(options + " does not exist: build the engine first (./emporium build)");
        }
        try {
            // The options are part of the stamp: a cache trained under other options is trained anew.
            var stamp = "jar " + Files.size(jar) + " bytes, modified " + Files.getLastModifiedTime(jar)
                    + "; JDK " + System.getProperty("java.vm.version") + " in " + System.getProperty("java.home")
                    + "; options " + Files.readString(options, StandardCharsets.UTF_8);
            var directory = jar.resolveSibling(jar.getFileName() + ".aot");
            var image = new EngineImage(directory, directory.resolve("app").resolve(jar.getFileName()), stamp,
                    true, options);
            if (!stamp.equals(image.recordedStamp())) {
                image.extract(jar, log);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the engine's extracted form", e);
        }
    }

    /** The extracted jar the engine starts from; the libraries it names sit beside it. */
    public Path jar() {
        return jar;
    }

    /**
     * The same extracted jar, started without its AOT cache even if it has one (and never training one), but with a
     * dynamic class-data archive that the JVM writes as the first engine exits and later engines map: no training
     * run, and each later start is spared loading and verifying the classes again.
     */
    public EngineImage withClassArchive() {
        return new EngineImage(directory, jar, stamp, false, options);
    }

    /** True if the cache was made from this jar's training run (and this image uses it). */
    public boolean trained() {
        return usesAotCache && Files.isRegularFile(cache());
    }

    /** Whether this image starts engines from an AOT cache, so the first run for a jar trains one. */
    public boolean usesAotCache() {
        return usesAotCache;
    }

    /**
     * What the engine's JVM is started with: its own options, then the AOT cache once there is one, or the
     * class-data archive.
     */
    public List<String> jvmArguments() {
        if (!usesAotCache) {
            return List.of(optionsFile(), "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + classArchive());
        }
        return trained() ? List.of(optionsFile(), "-XX:AOTCache=" + cache()) : List.of(optionsFile());
    }

    /** What the training run's JVM is started with: it writes what it loaded and ran when it exits. */
    public List<String> recordingArguments() {
        return List.of(optionsFile(), "-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration());
    }

    /**
     * Turns the training run's record into the cache, in a JVM of its own that runs no application code. Kept apart
     * from the training run's exit (JDK 25 can do both in one, forking at exit) so that no stop deadline cuts it.
     */
    public void assemble(Path log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(configuration())) {
            throw new IllegalStateException("the training run left no AOT configuration (" + configuration() + ")");
        }
        var partial = directory.resolve("engine.aot.partial");
        run(List.of(java(), optionsFile(), "-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration(),
                "-XX:AOTCache=" + partial, "-cp", jar.toString()), log, ASSEMBLY_LIMIT);
        Files.move(partial, cache());
        Files.delete(configuration());
    }

    /** Says what the engine ran from, for the report. */
    public String describe() {
        if (!usesAotCache) {
            var origin = Files.isRegularFile(classArchive()) ? "written by an earlier run's engine as it stopped"
                    : "written by this run's first engine as it stopped, so only the later engines started from it";
            return "Spring Boot's extracted jar with a dynamic class-data archive (`" + classArchive().getFileName()
                    + "`, " + origin + "); no AOT cache: this profile trains none";
        }
        return trained() ? "Spring Boot's extracted jar with a JDK AOT cache (`" + cache().getFileName()
                + "`, trained on this machine by a run of the suite under load: PlaceOrder, stock receipts and "
                + "storefront reads with every role)" : "Spring Boot's extracted jar without an AOT cache";
    }

    /** The options as a java launcher argument file. */
    private String optionsFile() {
        return "@" + options;
    }

    private Path cache() {
        return directory.resolve("engine.aot");
    }

    private Path classArchive() {
        return directory.resolve("engine.jsa");
    }

    private Path configuration() {
        return directory.resolve("engine.aotconf");
    }

    private String recordedStamp() throws IOException {
        var file = directory.resolve("stamp");
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private void extract(Path source, Path log) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        try {
            run(List.of(java(), "-Djarmode=tools", "-jar", source.toString(), "extract", "--destination",
                    directory.resolve("app").toString()), log, EXTRACTION_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + source, e);
        }
        Files.writeString(directory.resolve("stamp"), stamp, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, Path log, Duration limit) throws IOException,
            InterruptedException {
        var process = GuardedProcess.withoutJvmOptionVariables(new ProcessBuilder(new ArrayList<>(command)))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took longer than " + limit
                    + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                    + "; see " + log);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
