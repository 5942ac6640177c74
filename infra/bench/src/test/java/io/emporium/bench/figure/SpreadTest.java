package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theFigureOfAnOddNumberOfRepetitionsIsTheMiddleOne() {
        var spread = Spread.of(300, 100, 200);

        assertThat(spread.median()).isEqualTo(200);
        assertThat(spread.min()).isEqualTo(100);
        assertThat(spread.max()).isEqualTo(300);
    }

    @Test
    void theFigureOfAnEvenNumberOfRepetitionsIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(10, 40, 20, 30).median()).isEqualTo(25);
    }

    @Test
    void repetitionsKeepTheOrderTheyWereMeasuredIn() {
        assertThat(Spread.of(3, 1, 2).values()).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void theNoiseIsTheRangeRelativeToTheMedian() {
        assertThat(Spread.of(90, 100, 110).relative()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void oneRepetitionShowsNoNoise() {
        assertThat(Spread.of(42).relative()).isZero();
    }

    @Test
    void aFigureWithoutRepetitionsIsRefused() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalingScalesEveryRepetition() {
        var millis = Spread.of(1000, 3000, 2000).times(0.001);

        assertThat(millis.median()).isCloseTo(2, within(1e-9));
        assertThat(millis.values()).containsExactly(1.0, 3.0, 2.0);
    }

    @Test
    void eachRoundIsComparedWithTheMeanOfTheMeasurementsEitherSideOfIt() {
        var perRound = Spread.besideRounds(List.of(5_650.0, 6_972.0, 6_808.0));

        assertThat(perRound.values()).containsExactly(6_311.0, 6_890.0);
    }

    @Test
    void aRoundNeedsAMeasurementOnEitherSide() {
        assertThatThrownBy(() -> Spread.besideRounds(List.of(5_650.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("either side");
    }
}
