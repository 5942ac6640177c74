package io.emporium.bench;

import io.emporium.bench.report.ConsoleSummary;
import io.emporium.bench.report.MarkdownReport;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.Profile;
import java.nio.file.Path;

/**
 * {@code ./emporium bench [quick|full]}: runs the suite once and prints its summary. Exits 0 when every measurable
 * scenario produced figures, 1 when one failed (the report still lists it), 2 on a bad argument.
 */
public final class Bench {

    /** The engine jar to run; the launcher passes the one it just built. */
    public static final String ENGINE_JAR = "bench.engine.jar";
    /** The directory under which each run writes its results directory. */
    public static final String RESULTS = "bench.results";

    private Bench() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Profile profile;
        try {
            profile = Profile.named(args.length > 0 ? args[0] : "quick");
        } catch (IllegalArgumentException e) {
            System.err.println("usage: bench [quick|full|smoke]: " + e.getMessage());
            System.exit(2);
            return;
        }
        var run = new BenchRun(profile, Path.of(System.getProperty(ENGINE_JAR, "infra/app/target/emporium.jar")),
                Path.of(System.getProperty(RESULTS, "bench-results")), System.out::println);
        var status = 0;
        try {
            var results = run.run();
            System.out.println();
            System.out.print(ConsoleSummary.of(results, run.directory().resolve(MarkdownReport.FILE)));
            if (results.scenarios().stream().anyMatch(Outcome.Failed.class::isInstance)) {
                status = 1;
            }
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // Ends the servers and child processes through their shutdown hooks.
        System.exit(status);
    }
}
