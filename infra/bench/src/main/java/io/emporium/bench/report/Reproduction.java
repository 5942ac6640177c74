package io.emporium.bench.report;

import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.scenario.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a run reproduces the previous run of its profile: issue 6 asks that a rerun reproduce the figures within
 * the noise they report. Every run leaves its figures in {@value #FILE}; the next run of the same profile in the
 * same results directory compares its own with them. A figure is reproduced when either run's median lies within
 * the other's range (lowest to highest repetition); even an unchanged figure misses that now and then, and
 * {@link Chance} says how often.
 */
public final class Reproduction {

    static final String FILE = "figures.tsv";
    private static final String RATIO = "×";
    private static final String BASELINE = "baseline ";
    /** Parts of a figure's name that depend on what the run measured, such as an arrival rate or a store size. */
    private static final Pattern MEASURED_RATE = Pattern.compile(" = [0-9][0-9,.]*/s");
    /** A count of what the run measured over: "at 941 events" and "at 1,528 events" are one figure. */
    private static final Pattern MEASURED_COUNT = Pattern.compile(
            "[0-9]{1,3}(,[0-9]{3})+|[0-9]{4,}|[0-9]+(?= (order )?(events|products)\\b)");

    /**
     * One figure in both runs.
     *
     * @param baseline whether the figure is one of the machine's limits rather than the engine's
     */
    public record Pair(String name, String unit, Spread previous, Spread current, boolean baseline) {

        /** A figure divided by its baseline of the same run: what stays when the machine itself got faster. */
        public boolean isRatio() {
            return unit.equals(RATIO);
        }

        public boolean reproduced() {
            return within(current.median(), previous) || within(previous.median(), current);
        }

        private static boolean within(double value, Spread spread) {
            return value >= spread.min() && value <= spread.max();
        }

        /** How far the median moved, as a fraction of the previous one. */
        public double change() {
            return previous.median() == 0 ? 0 : current.median() / previous.median() - 1;
        }
    }

    /**
     * The comparison with the previous run.
     *
     * @param chance how often a figure of an unchanged engine on an unchanged machine misses the test by chance
     *               alone, given both runs' repetitions, where it can be known
     */
    public record Comparison(String previousRun, List<Pair> pairs, OptionalDouble chance) {
        public Comparison {
            pairs = List.copyOf(pairs);
        }

        /**
         * The figures as measured, each measurement once: a figure the report states twice, against two baselines
         * or targets ("PlaceOrder peak" and "… against the bare WebFlux endpoint"), misses or holds in both places
         * at once, so counting it twice would count one chance twice.
         */
        public List<Pair> measurements() {
            var seen = new LinkedHashMap<List<Object>, Pair>();
            figures().forEach(pair -> seen.putIfAbsent(List.of(pair.unit(), pair.previous().median(),
                    pair.previous().min(), pair.previous().max(), pair.current().median(), pair.current().min(),
                    pair.current().max()), pair));
            return List.copyOf(seen.values());
        }

        /** Measurements whose medians both lie outside the other run's range. */
        public long missed() {
            return measurements().stream().filter(pair -> !pair.reproduced()).count();
        }

        /** The most measurements chance alone misses in 95 % of reruns; empty where the chance is not known. */
        public OptionalInt missedByChance() {
            return chance.isPresent() ? OptionalInt.of(Chance.upper95(measurements().size(), chance.getAsDouble()))
                    : OptionalInt.empty();
        }

        /** Whether more measurements missed than chance explains: the engine or the machine changed between runs. */
        public boolean beyondChance() {
            var bound = missedByChance();
            return bound.isPresent() && missed() > bound.getAsInt();
        }

        /** The figures as measured, without the ratios. */
        public List<Pair> figures() {
            return pairs.stream().filter(pair -> !pair.isRatio()).toList();
        }

        public List<Pair> ratios() {
            return pairs.stream().filter(Pair::isRatio).toList();
        }

        public long reproduced() {
            return figures().stream().filter(Pair::reproduced).count();
        }

        public long ratiosReproduced() {
            return ratios().stream().filter(Pair::reproduced).count();
        }

        /**
         * The machine's own limits that moved beyond their noise between the runs: figures measured on a machine
         * that changed speed (a shared host) cannot reproduce, and the reader should know it was the machine.
         */
        public List<Pair> movedBaselines() {
            return pairs.stream().filter(pair -> pair.baseline() && !pair.reproduced()).toList();
        }

        String movedBaselinesText() {
            return String.join(", ", movedBaselines().stream().map(pair -> String.format(Locale.ROOT, "%s %+.0f %%",
                    pair.name(), 100 * pair.change())).toList());
        }
    }

    /** A figure as a run leaves it. */
    record Stored(String name, String unit, Spread spread) {}

    /**
     * What an earlier run left: its figures by key and how many repetitions it made of each (runs before
     * 2026-12-04 did not say).
     */
    private record Recorded(Map<String, Stored> figures, OptionalInt repetitions) {}

    private Reproduction() {
    }

    /** Writes the run's figures (baselines and headlines) where the next run will look for them. */
    static void record(RunResults results, Path directory) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("profile\t" + results.profile());
        lines.add("repetitions\t" + results.repetitions());
        figures(results).forEach((key, stored) -> lines.add(String.join("\t", key, stored.name(), stored.unit(),
                Double.toString(stored.spread().median()), Double.toString(stored.spread().min()),
                Double.toString(stored.spread().max()))));
        Files.write(directory.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    /** The comparison with the latest earlier run of the same profile beside {@code directory}, if there is one. */
    static Optional<Comparison> withPrevious(RunResults results, Path directory) {
        var parent = directory.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.empty();
        }
        var name = directory.getFileName().toString();
        try (Stream<Path> runs = Files.list(parent)) {
            var earlier = runs.filter(run -> run.getFileName().toString().compareTo(name) < 0)
                    .filter(run -> Files.isRegularFile(run.resolve(FILE)))
                    .sorted(Comparator.comparing((Path run) -> run.getFileName().toString()).reversed())
                    .toList();
            for (var run : earlier) {
                var recorded = read(run.resolve(FILE), results.profile());
                if (recorded.isPresent()) {
                    var previous = recorded.get();
                    var chance = previous.repetitions().isPresent()
                            ? Chance.ofMiss(previous.repetitions().getAsInt(), results.repetitions())
                            : OptionalDouble.empty();
                    return Optional.of(compare(run.getFileName().toString(), previous.figures(), figures(results),
                            chance));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Comparison compare(String previousRun, Map<String, Stored> previous, Map<String, Stored> current,
                              OptionalDouble chance) {
        var pairs = new ArrayList<Pair>();
        current.forEach((key, figure) -> {
            var before = previous.get(key);
            if (before != null) {
                pairs.add(new Pair(figure.name(), figure.unit(), before.spread(), figure.spread(),
                        key.startsWith(BASELINE)));
            }
        });
        return new Comparison(previousRun, pairs, chance);
    }

    /** The run's figures by a key that stays the same from run to run. */
    static Map<String, Stored> figures(RunResults results) {
        var figures = new LinkedHashMap<String, Stored>();
        results.baselines().forEach((baseline, figure) -> figures.put(BASELINE + baseline.name(),
                new Stored(figure.name(), figure.unit(), figure.spread())));
        for (var outcome : results.scenarios()) {
            if (outcome instanceof Outcome.Measured measured) {
                // A scenario lists its figures in the same order every run; the place tells apart figures whose
                // names differ only in what the run measured ("Append rate at 3,883 events", "… at 500,000 …").
                var headlines = measured.result().headlines();
                for (var i = 0; i < headlines.size(); i++) {
                    var headline = headlines.get(i);
                    var key = outcome.number() + "." + (i + 1) + " " + key(headline.name());
                    figures.put(key, new Stored(headline.name(), headline.unit(), headline.value()));
                    var baseline = headline.baseline() == null ? null : results.baselines().get(headline.baseline());
                    if (baseline != null) {
                        var ratio = switch (headline.comparedWith(baseline)) {
                            case io.emporium.bench.figure.Comparison.Beside beside -> beside.ratios();
                            case io.emporium.bench.figure.Comparison.Apart apart -> new Spread(apart.ratio(),
                                    apart.lowest(), apart.highest(),
                                    List.of(apart.lowest(), apart.ratio(), apart.highest()));
                        };
                        figures.put(key + " ratio", new Stored(headline.name() + " / " + baseline.name(), RATIO,
                                ratio));
                    }
                }
            }
        }
        return figures;
    }

    static String key(String name) {
        return MEASURED_COUNT.matcher(MEASURED_RATE.matcher(name).replaceAll("")).replaceAll("N");
    }

    private static Optional<Recorded> read(Path file, String profile) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals("profile\t" + profile)) {
            return Optional.empty();
        }
        var figures = new LinkedHashMap<String, Stored>();
        var repetitions = OptionalInt.empty();
        for (var line : lines.subList(1, lines.size())) {
            var fields = line.split("\t");
            if (fields.length == 2 && fields[0].equals("repetitions")) {
                repetitions = OptionalInt.of(Integer.parseInt(fields[1]));
            } else if (fields.length == 6) {
                var median = Double.parseDouble(fields[3]);
                var min = Double.parseDouble(fields[4]);
                var max = Double.parseDouble(fields[5]);
                figures.put(fields[0], new Stored(fields[1], fields[2], new Spread(median, min, max,
                        List.of(min, median, max))));
            }
        }
        return Optional.of(new Recorded(figures, repetitions));
    }

    /** The report's section. */
    static void section(StringBuilder md, Comparison comparison) {
        md.append("## Reproduction\n\n").append(String.format(Locale.ROOT,
                "Compared with the previous run of this profile in the same results directory, `%s`: %d of %d "
                        + "figures reproduced (either run's median within the other's range), and %d of %d ratios "
                        + "to their baselines of the same run, which hold when the machine as a whole got faster "
                        + "or slower between the runs.%n%n",
                comparison.previousRun(), comparison.reproduced(), comparison.figures().size(),
                comparison.ratiosReproduced(), comparison.ratios().size()));
        md.append(chanceText(comparison));
        if (!comparison.movedBaselines().isEmpty()) {
            md.append("The machine itself moved between the runs (its limits whose medians left each other's "
                    + "ranges): ").append(comparison.movedBaselinesText()).append(".\n\n");
        }
        md.append("| Figure | Previous run | This run | Reproduced |\n| --- | --- | --- | --- |\n");
        for (var pair : comparison.pairs()) {
            md.append("| ").append(pair.name()).append(" | ").append(Formats.spread(pair.previous())).append(' ')
                    .append(pair.unit()).append(" | ").append(Formats.spread(pair.current())).append(' ')
                    .append(pair.unit()).append(" | ").append(pair.reproduced() ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');
    }

    /** What chance alone explains, as the report's paragraph; empty where the chance is not known. */
    static String chanceText(Comparison comparison) {
        if (comparison.chance().isEmpty()) {
            return "";
        }
        var chance = comparison.chance().getAsDouble();
        var measurements = comparison.measurements().size();
        return String.format(Locale.ROOT, "Even an unchanged engine on an unchanged machine misses this test: with "
                        + "independent repetitions, every order of both runs' values is equally likely, and in "
                        + "%.1f %% of them one run's median lies outside the other's range and the other way round. "
                        + "That is %.1f of these %d measurements on average (figures stated twice counted once), "
                        + "and at most %d in 95 %% of reruns if the measurements are independent of one another "
                        + "(they are not quite: the mix's endpoints share their repetitions, and a mix that ran "
                        + "faster in one run moves several of them at once). This rerun missed %d: %s.%n%n",
                100 * chance,
                chance * measurements, measurements, comparison.missedByChance().orElseThrow(), comparison.missed(),
                comparison.beyondChance() ? "**more than chance explains**" : "no more than chance explains");
    }

    /** The console's line. */
    static String line(Comparison comparison) {
        var missed = comparison.figures().stream().filter(pair -> !pair.reproduced()).map(Pair::name).toList();
        var ratios = comparison.ratios().isEmpty() ? "" : String.format(Locale.ROOT,
                "; ratios to their same-run baselines: %d of %d", comparison.ratiosReproduced(),
                comparison.ratios().size());
        var machine = comparison.movedBaselines().isEmpty() ? ""
                : "; the machine itself moved: " + comparison.movedBaselinesText();
        var chance = comparison.missedByChance().isEmpty() ? ""
                : String.format(Locale.ROOT, " (chance alone misses up to %d of its %d measurements)",
                        comparison.missedByChance().getAsInt(), comparison.measurements().size());
        return String.format(Locale.ROOT, "Reproduction: %d of %d figures of the previous run (%s) reproduced "
                        + "within their noise%s%s%s%s%n", comparison.reproduced(), comparison.figures().size(),
                comparison.previousRun(), chance, ratios,
                missed.isEmpty() ? "" : "; not: " + String.join("; ", missed), machine);
    }
}
