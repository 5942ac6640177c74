package io.emporium.bench;

import io.emporium.bench.report.ConsoleSummary;
import io.emporium.bench.report.MarkdownReport;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.Profile;
import io.emporium.bench.scenario.Scenario;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code ./emporium bench [quick|full] [scenarios]}: runs the suite (or the scenarios named, such as {@code 5,4},
 * with every baseline) once and prints its summary. Exits 0 when every measurable
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
        Set<Integer> only;
        try {
            profile = Profile.named(args.length > 0 ? args[0] : "quick");
            only = args.length > 1 ? scenarios(args[1]) : Set.of();
        } catch (IllegalArgumentException e) {
            System.err.println("usage: bench [quick|full|smoke] [scenario numbers, such as 5,4]: " + e.getMessage());
            System.exit(2);
            return;
        }
        var run = new BenchRun(profile, only,
                Path.of(System.getProperty(ENGINE_JAR, "infra/app/target/emporium.jar")),
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

    /** Scenario numbers such as {@code 5,4}: the ones a developer wants measured, with the baselines. */
    static Set<Integer> scenarios(String list) {
        var known = Scenario.catalog().stream().map(Scenario::number).collect(Collectors.toSet());
        var chosen = new TreeSet<Integer>();
        for (var item : list.split(",")) {
            try {
                chosen.add(Integer.parseInt(item.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not a scenario number");
            }
        }
        if (!known.containsAll(chosen)) {
            throw new IllegalArgumentException("scenarios are numbered " + new TreeSet<>(known) + ", not " + list);
        }
        return chosen;
    }
}
