package io.emporium.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.psp.Faults.Injected;
import io.emporium.psp.Faults.Operation;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FaultsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Faults faults = new Faults();

    @Test
    void everyNthCallOfTheNamedOperationFails() {
        add("""
                {"operation": "authorize", "kind": "error", "everyNth": 3}""");

        var injected = IntStream.rangeClosed(1, 7).mapToObj(call -> faults.decide(Operation.AUTHORIZE).injected())
                .toList();

        assertThat(injected).extracting(i -> i instanceof Injected.ServerError)
                .containsExactly(false, false, true, false, false, true, false);
        assertThat(faults.decide(Operation.LOOKUP).injected()).isInstanceOf(Injected.None.class);
    }

    @Test
    void twoRulesOnAlternateCallsMakeEveryOtherCallFail() {
        add("""
                {"operation": "authorize", "kind": "timeout", "everyNth": 4, "firstCall": 2, "holdMs": 1500}""",
            """
                {"operation": "authorize", "kind": "unknown", "everyNth": 4, "firstCall": 4, "loss": "drop"}""");

        var injected = IntStream.rangeClosed(1, 8).mapToObj(call -> faults.decide(Operation.AUTHORIZE).injected())
                .toList();

        assertThat(injected).containsExactly(new Injected.None(), new Injected.Timeout(Duration.ofMillis(1500)),
                new Injected.None(), new Injected.UnknownOutcome(Faults.Loss.DROP, 500, Duration.ofSeconds(30)),
                new Injected.None(), new Injected.Timeout(Duration.ofMillis(1500)),
                new Injected.None(), new Injected.UnknownOutcome(Faults.Loss.DROP, 500, Duration.ofSeconds(30)));
    }

    @Test
    void aSeededProbabilityFailsTheSameCallsOnEveryRun() {
        var rule = """
                {"kind": "decline", "probability": 0.3, "seed": 42, "declineCode": "do_not_honor"}""";
        add(rule);
        var first = IntStream.range(0, 100).mapToObj(call -> faults.decide(Operation.AUTHORIZE).injected()).toList();
        faults.clear();
        add(rule);
        var second = IntStream.range(0, 100).mapToObj(call -> faults.decide(Operation.AUTHORIZE).injected()).toList();

        assertThat(first).isEqualTo(second);
        assertThat(first).filteredOn(i -> i.equals(new Injected.ForcedDecline("do_not_honor")))
                .hasSizeBetween(15, 45);
    }

    @Test
    void latenciesAddUpAndTheFirstOtherFaultDecides() {
        add("""
                {"kind": "latency", "latencyMs": 20}""", """
                {"kind": "latency", "latencyMs": 5}""", """
                {"kind": "error", "status": 502}""", """
                {"kind": "decline"}""");

        var plan = faults.decide(Operation.AUTHORIZE);

        assertThat(plan.latency()).isEqualTo(Duration.ofMillis(25));
        assertThat(plan.injected()).isEqualTo(new Injected.ServerError(502));
    }

    @Test
    void randomLatencyStaysWithinItsBounds() {
        add("""
                {"kind": "latency", "latencyMs": 10, "maxLatencyMs": 30, "seed": 7}""");

        var latencies = IntStream.range(0, 50).mapToObj(call -> faults.decide(Operation.RETRIEVE).latency().toMillis())
                .toList();

        assertThat(latencies).allMatch(millis -> millis >= 10 && millis <= 30);
        assertThat(latencies.stream().distinct().count()).isGreaterThan(5);
    }

    @Test
    void aMisspelledFieldIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Faults.parse(json.readTree("""
                {"kind": "error", "everyNt": 2}""")))
                .isInstanceOfSatisfying(PspError.class, error -> assertThat(error.code()).isEqualTo("invalid_fault"));
    }

    private void add(String... rules) {
        faults.add(List.of(rules).stream().map(rule -> Faults.parse(json.readTree(rule))).toList());
    }
}
