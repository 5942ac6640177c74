package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.bench.cpu.HostSteal;
import org.junit.jupiter.api.Test;

class StorefrontMixTest {

    @Test
    void eachEndpointOfTheMixIsJudgedAtThePercentileItsShareOfARepetitionSupports() {
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, StorefrontRequests.DETAIL)).isEqualTo(99);
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, StorefrontRequests.SUGGEST)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, Shopper.CHECKOUT)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.FULL, Shopper.CHECKOUT)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.FULL, StorefrontRequests.SEARCH)).isEqualTo(99);
    }

    @Test
    void theReportSaysWhichPercentileEachEndpointHasAndFromHowManySamples() {
        assertThat(StorefrontMix.mixPercentiles(Profile.QUICK))
                .startsWith("p99 for `GET /products/{sku}` (320 a repetition), ")
                .endsWith("p95 for `POST /carts/{id}/checkout` (32 a repetition)");
    }

    @Test
    void eachOpenRoundSaysWhatTheHostTookFromTheCoresMeanwhile() {
        assertThat(StorefrontMix.taken(new HostSteal.Taken(0.012, 310)))
                .isEqualTo("the host took 1.2 % of the cores, at most 310 ms in a second");
        assertThat(StorefrontMix.taken(HostSteal.Taken.UNKNOWN)).isEqualTo("what the host took unknown");
    }
}
