package io.emporium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BenchArgumentsTest {

    @Test
    void aDeveloperNamesTheScenariosToMeasure() {
        assertThat(Bench.scenarios("5,4")).containsExactly(4, 5);
        assertThat(Bench.scenarios(" 1 ")).containsExactly(1);
    }

    @Test
    void refusesScenariosTheSuiteDoesNotHave() {
        assertThatIllegalArgumentException().isThrownBy(() -> Bench.scenarios("7"))
                .withMessageContaining("numbered [1, 2, 3, 4, 5, 6]");
        assertThatIllegalArgumentException().isThrownBy(() -> Bench.scenarios("four"))
                .withMessageContaining("'four' is not a scenario number");
    }
}
