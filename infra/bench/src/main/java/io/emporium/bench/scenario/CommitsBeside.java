package io.emporium.bench.scenario;

import io.emporium.bench.baseline.PostgresCommits;
import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The commits baseline measured beside a scenario's rounds: once before the first round and once after each, so that
 * every round lies between two measurements and is judged against their mean. On this machine the rate of both
 * commits and orders wanders by a third within minutes, and a slow spell slows every step of a round alike (issue 3's
 * notes of 2026-12-06: the fourth round of `bench full 5` 20261206-181429 was the slowest at all four concurrencies,
 * and PostgreSQL's statements ran 50 % slower than an hour before); a baseline measured only before and after the
 * scenarios cannot tell such a spell from the engine.
 */
final class CommitsBeside implements AutoCloseable {

    /**
     * Engine cores below which the engine counts as idle. Right after a step it may still compile and collect: in
     * the smoke profile, whose warm-up lasts two seconds, the three measurements beside the concurrency sweep found
     * the engine using 0.42 cores on average and rose 2,762 -> 3,593 -> 4,335 commits/s, where the three beside the
     * next size found it at 0.01 cores and held 6,101-6,322 (BenchSmokeIT, 2026-12-06). Commits measured beside a
     * busy engine come out low and flatter its ratio.
     */
    private static final double IDLE_ENGINE_CORES = 0.05;
    private static final Duration IDLE_WINDOW = Duration.ofMillis(500);
    private static final Duration IDLE_WAIT_LIMIT = Duration.ofSeconds(30);

    private final Context context;
    private final PostgresCommits.Beside commits;
    private final List<Double> rates = new ArrayList<>();
    private CpuUse cpu = CpuUse.NONE;
    private Duration longestWait = Duration.ZERO;
    private int busy;

    private CommitsBeside(Context context, PostgresCommits.Beside commits) {
        this.context = context;
        this.commits = commits;
    }

    /** One round of a scenario, numbered from 1. */
    @FunctionalInterface
    interface Round {
        void run(int round) throws Exception;
    }

    /**
     * Runs the profile's repetitions of {@code round}, each after a checkpoint, with the commits measured before the
     * first and after each; adds what was measured to {@code notes} and returns one baseline per round, in order.
     */
    static Spread around(Context context, String rounds, List<String> notes, Round round) throws Exception {
        try (var beside = new CommitsBeside(context, PostgresCommits.Beside.open(context.servers(),
                PostgresCommits.CLIENTS))) {
            beside.measure();
            for (var r = 1; r <= context.profile().repetitions(); r++) {
                context.checkpoint();
                round.run(r);
                beside.measure();
            }
            notes.add(beside.describe(rounds));
            return Spread.besideRounds(beside.rates);
        }
    }

    /**
     * Measures once more, after a checkpoint, so that no write-back of the round before lands in it, and once the
     * engine is idle.
     */
    private void measure() throws Exception {
        context.checkpoint();
        awaitIdleEngine();
        var before = context.cpu().snapshot();
        rates.add(commits.measure(context.profile().baselineStep()));
        cpu = cpu.plus(context.cpu().snapshot().since(before));
    }

    private void awaitIdleEngine() throws InterruptedException {
        var start = System.nanoTime();
        while (true) {
            var before = context.cpu().snapshot();
            Thread.sleep(IDLE_WINDOW);
            var engine = context.cpu().snapshot().since(before).engine();
            var waited = Duration.ofNanos(System.nanoTime() - start);
            if (engine < IDLE_ENGINE_CORES || waited.compareTo(IDLE_WAIT_LIMIT) >= 0) {
                longestWait = waited.compareTo(longestWait) > 0 ? waited : longestWait;
                busy += engine < IDLE_ENGINE_CORES ? 0 : 1;
                return;
            }
        }
    }

    /** The report's note: every measurement in order, and what else ran meanwhile. */
    private String describe(String rounds) {
        return String.format(Locale.ROOT, "Raw PostgreSQL durable single-row commits, %d clients, beside %s: %s "
                        + "commits/s, %s s each, measured before the first round and after each, after a "
                        + "checkpoint and once the engine used under %.2f cores over %s s (it took at most %s s; "
                        + "%d of %d measurements found it busy still after %s s); each round is judged against the "
                        + "mean of the two either side of it. Meanwhile the engine used %.2f cores, the suite's own "
                        + "clients %.2f.",
                PostgresCommits.CLIENTS, rounds, Formats.joined(rates, Formats::number),
                Formats.seconds(context.profile().baselineStep()), IDLE_ENGINE_CORES, Formats.seconds(IDLE_WINDOW),
                Formats.seconds(longestWait), busy, rates.size(), Formats.seconds(IDLE_WAIT_LIMIT), cpu.engine(),
                cpu.generator());
    }

    @Override
    public void close() throws SQLException {
        commits.close();
    }
}
