package io.emporium.bench.scenario;

import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.load.LoadRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Collects repetitions by step as they are measured, in whatever order they run, with the CPU each used. */
final class Steps {

    private final Map<String, Collected> steps = new LinkedHashMap<>();

    private static final class Collected {
        final double setting;
        final List<LoadRun> runs = new ArrayList<>();
        CpuUse cpu = CpuUse.NONE;

        Collected(double setting) {
            this.setting = setting;
        }
    }

    /** Runs one repetition and files it under {@code label}. */
    LoadRun measure(Context context, String label, double setting, Callable<LoadRun> repetition) throws Exception {
        var before = context.cpu().snapshot();
        var run = repetition.call();
        var cpu = context.cpu().snapshot().since(before);
        add(label, setting, run, cpu);
        return run;
    }

    void add(String label, double setting, LoadRun run, CpuUse cpu) {
        var step = steps.computeIfAbsent(label, ignored -> new Collected(setting));
        step.runs.add(run);
        step.cpu = step.cpu.plus(cpu);
    }

    /** The step whose repetitions had the highest median throughput: a closed loop's peak. */
    Step fastest() {
        return toList().stream().max(Comparator.comparingDouble(step -> step.throughput().median()))
                .orElseThrow(() -> new IllegalStateException("no step was measured"));
    }

    List<Step> toList() {
        var list = new ArrayList<Step>();
        steps.forEach((label, step) -> list.add(new Step(label, step.setting, step.runs, step.cpu)));
        return list;
    }
}
