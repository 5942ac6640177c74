package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void aSlowOpenModelStepLastsUntilItHasEnoughRequestsForItsP99() {
        assertThat(Profile.QUICK.tailStep(25)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Profile.FULL.tailStep(50)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aStepAtAVerySlowRateStopsAtItsLimitSoThatQuickStaysQuickOnASlowMachine() {
        assertThat(Profile.QUICK.tailStep(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Profile.QUICK.tailStepSentence()).contains("but at most 5 s");
        assertThat(Profile.FULL.tailStep(10)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aFastOpenModelStepLastsOneStep() {
        assertThat(Profile.QUICK.tailStep(2_000)).isEqualTo(Profile.QUICK.step());
        assertThat(Profile.FULL.tailStep(130)).isEqualTo(Profile.FULL.step());
    }

    @Test
    void theSmokeProfileNeverLengthensItsStepsNorSaysItDoes() {
        assertThat(Profile.SMOKE.tailStep(1)).isEqualTo(Profile.SMOKE.step());
        assertThat(Profile.SMOKE.tailStepSentence()).isEmpty();
        assertThat(Profile.QUICK.tailStepSentence()).contains("lasts long enough for 100 requests");
    }

    @Test
    void anEndpointWithFewerSamplesIsJudgedAtALowerPercentile() {
        assertThat(Profile.QUICK.percentileFor(320)).isEqualTo(99);
        assertThat(Profile.QUICK.percentileFor(100)).isEqualTo(99);
        assertThat(Profile.QUICK.percentileFor(64)).isEqualTo(95);
        assertThat(Profile.QUICK.percentileFor(15)).isEqualTo(90);
        assertThat(Profile.QUICK.percentileFor(3)).isEqualTo(50);
        assertThat(Profile.FULL.percentileFor(320)).isEqualTo(95);
        assertThat(Profile.SMOKE.percentileFor(1)).isEqualTo(99);
    }

    @Test
    void aProfileThatGivesTheAppendPathNoConcurrencyToTryIsRefused() {
        var full = Profile.FULL;
        assertThatIllegalArgumentException().isThrownBy(() -> new Profile("none", full.repetitions(), full.warmup(),
                full.jvmWarmup(), full.step(), full.slice(), full.baselineStep(), full.users(),
                full.arrivalFractions(), full.lagFraction(), full.tailSamples(), full.tailStepLimit(),
                full.mixRequests(), full.storeSizes(), List.of(), full.catalogSize(), full.settleLimit(),
                full.aotCache())).withMessageContaining("concurrency");
    }
}
