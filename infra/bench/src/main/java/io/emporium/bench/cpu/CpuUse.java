package io.emporium.bench.cpu;

import java.util.Locale;

/**
 * Average cores busy over a measurement, per party. {@code servers} are the other servers this suite started
 * (Kafka, Elasticsearch and the PSP simulator, all kept busy by the engine); {@code other} is the machine's busy
 * time that none of the named parties used: the kernel, and any program that is not part of the run, whose load
 * makes the figures noisier. {@code engineJit} is the part of the engine's that its JIT compilers used: an engine
 * still compiling its code is not yet in the steady state a figure is meant to describe. {@code engineWaiting} is how
 * many of the engine's threads were, on average, ready to run but without a core (NaN where the kernel does not
 * say): a latency tail that comes with a high one is the machine's contention, not the engine's work.
 */
public record CpuUse(double engine, double engineJit, double engineWaiting, double postgres, double servers,
                     double generator, double other, double seconds) {

    public static final CpuUse NONE = new CpuUse(0, 0, 0, 0, 0, 0, 0, 0);

    /** The average of two uses weighted by how long each lasted. */
    public CpuUse plus(CpuUse more) {
        var total = seconds + more.seconds;
        if (total == 0) {
            return NONE;
        }
        return new CpuUse(weighted(engine, more.engine, more.seconds, total),
                weighted(engineJit, more.engineJit, more.seconds, total),
                weighted(engineWaiting, more.engineWaiting, more.seconds, total),
                weighted(postgres, more.postgres, more.seconds, total),
                weighted(servers, more.servers, more.seconds, total),
                weighted(generator, more.generator, more.seconds, total),
                weighted(other, more.other, more.seconds, total), total);
    }

    /**
     * The cores as the report's CPU columns give them: "engine (its JIT; its threads waiting) / PostgreSQL / other
     * servers / generator / other", such as "0.78 (0.01; 0.30) / 0.00 / 0.20 / 0.50 / 0.05".
     */
    public String columns() {
        var waiting = Double.isNaN(engineWaiting) ? "–" : String.format(Locale.ROOT, "%.2f", engineWaiting);
        return String.format(Locale.ROOT, "%.2f (%.2f; %s) / %.2f / %.2f / %.2f / %.2f", engine, engineJit, waiting,
                postgres, servers, generator, other);
    }

    public double busy() {
        return engine + postgres + servers + generator + other;
    }

    private double weighted(double mine, double theirs, double theirSeconds, double total) {
        return (mine * seconds + theirs * theirSeconds) / total;
    }
}
