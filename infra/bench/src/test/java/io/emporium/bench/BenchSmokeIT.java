package io.emporium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.report.MarkdownReport;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.Profile;
import io.emporium.bench.scenario.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole suite end to end in its smoke profile (about a second per step): real servers, the engine jar as a
 * child process, every baseline and every scenario the landed features allow, the report and its charts. It checks
 * that each figure exists, never how fast anything was.
 */
class BenchSmokeIT {

    /** How an open round's worst slice reads, up to the core time of its third process. */
    private static final String WORST_SLICE = "its worst slice, from [0-9.,]+ s into the round \\(at [0-9:.]+ "
            + "UTC\\), p99 [0-9.,]+ ms: in it the host took [0-9.,]+ ms of core time, the engine stood still [0-9.,]+ "
            + "ms at most, the generator woke [0-9.,]+ ms late at most and its collector ran [0-9.,]+ ms; core time in "
            + "it \\(in the round's average second\\): the engine [0-9.,]+ ms \\([0-9.,]+\\), the generator "
            + "[0-9.,]+ ms \\([0-9.,]+\\), PostgreSQL [0-9.,]+ ms \\([0-9.,]+\\), ";

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theSmokeProfileReportsEveryMeasurableScenarioWithItsFiguresAndChartsAndLeavesNoProcessBehind()
            throws Exception {
        var run = new BenchRun(Profile.SMOKE, Path.of(System.getProperty(Bench.ENGINE_JAR)),
                Path.of(System.getProperty(Bench.RESULTS)), System.out::println);

        var results = run.run();

        assertThat(results.baselines()).containsOnlyKeys(Baseline.values());
        assertThat(results.scenarios()).extracting(Outcome::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(results.scenarios()).noneMatch(Outcome.Failed.class::isInstance);
        assertThat(results.scenarios()).noneMatch(Outcome.NotYetMeasurable.class::isInstance);
        assertThat(results.notes()).as("the engine ran from its AOT cache, trained by this run or an earlier one")
                .anyMatch(note -> note.startsWith("The engine ran from Spring Boot's extracted jar with a JDK AOT "
                        + "cache"));
        var measured = results.scenarios().stream().filter(Outcome.Measured.class::isInstance)
                .map(outcome -> ((Outcome.Measured) outcome).result()).toList();
        assertThat(measured).extracting(result -> result.number()).containsExactly(1, 2, 3, 4, 5, 6);

        var storefront = measured.stream().filter(result -> result.number() == 2).findFirst().orElseThrow();
        assertThat(storefront.notes()).anyMatch(note -> note.startsWith("Catalog: 2,000 products"));
        assertThat(storefront.notes()).as("each open model warmed up at its rate, its p99 by window stated")
                .anyMatch(note -> note.matches("Warm-up of the open model with product pages .* p99 by window "
                        + "[0-9.]+( / [0-9.]+)* ms\\."))
                .anyMatch(note -> note.startsWith("Warm-up of the open model with searches"));
        assertThat(storefront.headlines()).as("the bare endpoint measured before the first open round and after each")
                .filteredOn(headline -> headline.name().startsWith("Bare WebFlux endpoint p99 at ")).singleElement()
                .satisfies(headline -> assertThat(headline.value().values()).hasSize(3)
                        .allSatisfy(p99 -> assertThat(p99).isPositive()));
        assertThat(storefront.headlines()).as("the page's ratio pairs each closed round with the bare endpoint's")
                .filteredOn(headline -> headline.name().startsWith("Cached product page, closed loop"))
                .singleElement().satisfies(headline -> assertThat(headline.baselineBeside()).isNotNull()
                        .extracting(Spread::repetitions).isEqualTo(headline.value().repetitions()));
        assertThat(storefront.notes()).anyMatch(note -> note.startsWith("Cached product page, closed loop, 64 users, "
                + "by round, against the bare endpoint beside it: "));
        assertThat(storefront.notes()).as("each product page round beside the bare endpoint's either side")
                .anyMatch(note -> note.startsWith("Bare WebFlux endpoint beside the product page's open rounds")
                        && note.matches(".*Product page p99 by round \\(cores as in the tables' CPU columns; the "
                        + "engine's safepoints: .*\\), beside the bare endpoint's either side: [0-9.]+ ms at [0-9.]+ "
                        + "us of engine CPU a page, cores [0-9.]+ \\([0-9.]+; [0-9.–]+\\) / .*, (no stops|[0-9]+ "
                        + "stops for [0-9.]+ ms, the longest [0-9.]+ ms \\(\\w+\\)), the generator late [0-9.]+ ms "
                        + "at p99 and [0-9.]+ at most, the host took [0-9.]+ % of the cores, at most [0-9.,]+ ms in "
                        + "a second, the generator opened [0-9]+ connections?, " + WORST_SLICE + ".*\\(bare: .*"));
        assertThat(storefront.notes()).as("each search round beside what the host took meanwhile")
                .anyMatch(note -> note.matches("Search p99 by open round, beside what the host took .*: [0-9.]+ ms "
                        + "\\(the host took [0-9.]+ % of the cores, at most [0-9.,]+ ms in a second, the generator "
                        + "opened [0-9]+ connections?, " + WORST_SLICE + ".*(Elasticsearch|Kafka) .*\\); .*"));
        assertThat(storefront.series()).filteredOn(series -> series.key().equals("storefront-mix")).singleElement()
                .satisfies(series -> assertThat(series.steps()).extracting(Step::label).containsExactly("whole mix",
                        "GET /products/{sku}", "GET /products/search", "GET /products/suggest", "POST /carts",
                        "POST /carts/{id}/items", "GET /carts/{id}", "POST /carts/{id}/checkout"))
                .satisfies(series -> assertThat(series.steps()).allSatisfy(step -> assertThat(step.succeeded())
                        .as("successful requests to " + step.label()).isPositive()));
        var append = measured.stream().filter(result -> result.number() == 5).findFirst().orElseThrow();
        assertThat(append.notes()).as("PostgreSQL's own account of the append path, per event, by statement")
                .anyMatch(note -> note.startsWith("PostgreSQL's work at the peak's")
                        && note.contains("`insert into idempotency_key")
                        && note.contains("`insert into domain_event_entry")
                        && note.matches(".*write-ahead log [0-9,]+ bytes in [0-9.]+ records.*"));
        assertThat(append.headlines()).as("every append figure paired with commits measured beside each round")
                .allSatisfy(headline -> assertThat(headline.baselineBeside()).isNotNull()
                        .extracting(Spread::repetitions).isEqualTo(headline.value().repetitions()));
        assertThat(append.notes()).anyMatch(note -> note.startsWith("PlaceOrder peak, command side alone (closed "
                + "loop, 4 users), by round, against the commits beside it: "));
        assertThat(measured).as("issue 3's target is judged once, on the command side alone (ADR 010)")
                .flatExtracting(result -> result.headlines().stream().filter(headline -> headline.target() != null
                        && headline.target().issue() == 3).map(headline -> result.number()).toList())
                .containsExactly(5);

        var report = Files.readString(run.directory().resolve(MarkdownReport.FILE));
        for (var result : measured) {
            assertThat(report).contains("## Scenario " + result.number() + ": " + result.title());
            assertThat(result.headlines()).isNotEmpty().allSatisfy(headline -> {
                assertThat(headline.value().median()).isFinite().isNotNegative();
                assertThat(report).containsPattern("\\| " + result.number() + " \\| "
                        + Pattern.quote(headline.name()) + " \\| [0-9]");
            });
            for (var series : result.series()) {
                assertThat(series.steps()).isNotEmpty()
                        .allSatisfy(step -> assertThat(step.runs()).hasSize(Profile.SMOKE.repetitions()));
                var throughput = series.key() + "-throughput.png";
                var latency = series.key() + "-" + series.latencyName() + "-over-time.png";
                // a job that counts events (a replay, a rebuild) times no single request: no latency chart
                var charts = series.timed() ? List.of(throughput, latency) : List.of(throughput);
                assertThat(charts).as("charts of " + series.key()).allSatisfy(chart -> {
                    assertThat(report).contains("](" + chart + ")");
                    assertThat(Files.readAllBytes(run.directory().resolve(chart))).startsWith(PNG);
                });
                if (!series.timed()) {
                    assertThat(report).doesNotContain("](" + latency + ")");
                    assertThat(run.directory().resolve(latency)).doesNotExist();
                }
            }
        }
        assertThat(report).contains("synchronous_commit=on", "fsync=", "wal_level=",
                "shared_buffers=");
        assertThat(report).as("the mix's paragraph, one sentence however its source is wrapped")
                .contains("A repetition is 160 requests (at most 1 s), not a time,");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains("emporium.jar") || command.contains("BareWebFlux")))
                .as("engine or bare endpoint processes still running").isEmpty());
    }
}
