package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    private final Target.AtLeastRatio sixTenths = new Target.AtLeastRatio(0.6, 3);
    private final Target.AtMost fiftyMillis = new Target.AtMost(50, "ms", 4);

    @Test
    void aRatioTargetIsMetWhenEvenTheWorstCombinationMeetsIt() {
        var comparison = new Comparison.Apart(Spread.of(650, 700), Spread.of(1000, 1050));

        assertThat(sixTenths.judge(comparison)).isEqualTo(Verdict.MET);
    }

    @Test
    void aRatioTargetThatOnlySomeCombinationsMeetIsWithinNoise() {
        var comparison = new Comparison.Apart(Spread.of(550, 650), Spread.of(1000));

        assertThat(sixTenths.judge(comparison)).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void aRatioTargetThatNoCombinationMeetsIsNotMet() {
        var comparison = new Comparison.Apart(Spread.of(100, 200), Spread.of(1000, 1100));

        assertThat(sixTenths.judge(comparison)).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void aRatioTargetIsMetWhenEveryRepetitionMeetsItAgainstTheBaselineBesideIt() {
        var comparison = new Comparison.Beside(Spread.of(650, 420), Spread.of(1000, 700));

        assertThat(sixTenths.judge(comparison)).isEqualTo(Verdict.MET);
    }

    @Test
    void aLatencyCeilingIsMetOnlyWhenTheSlowestRepetitionStaysUnderIt() {
        assertThat(fiftyMillis.judge(Spread.of(20, 30, 49))).isEqualTo(Verdict.MET);
        assertThat(fiftyMillis.judge(Spread.of(20, 30, 51))).isEqualTo(Verdict.WITHIN_NOISE);
        assertThat(fiftyMillis.judge(Spread.of(60, 70))).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void aThroughputFloorIsMetOnlyWhenTheSlowestRepetitionReachesIt() {
        var floor = new Target.AtLeast(100_000, "events/s", 5);

        assertThat(floor.judge(Spread.of(120_000, 130_000))).isEqualTo(Verdict.MET);
        assertThat(floor.judge(Spread.of(90_000, 130_000))).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void targetsDescribeThemselvesAsTheIssueStatesThem() {
        assertThat(sixTenths.describe()).isEqualTo("≥ 0.60× baseline");
        assertThat(fiftyMillis.describe()).isEqualTo("≤ 50.0 ms");
    }
}
