package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BacklogTest {

    private static final String PROCESSORS = """
            [{"name":"CheckoutProcessProcessor","running":true,"error":false,"segments":[
              {"segment":0,"position":120,"caughtUp":true,"replaying":false,"error":null},
              {"segment":1,"position":97,"caughtUp":true,"replaying":false,"error":null}]},
             {"name":"order-views","running":true,"error":false,"segments":[
              {"segment":0,"position":null,"caughtUp":false,"replaying":false,"error":null}]},
             {"name":"product-search","running":true,"error":false,"segments":[
              {"segment":0,"position":130,"caughtUp":true,"replaying":false,"error":null}]}]""";

    @Test
    void aProcessorIsBehindWhileAnyOfItsSegmentsIsBeforeThePosition() {
        assertThat(Backlog.behind(PROCESSORS, 100))
                .containsExactly("CheckoutProcessProcessor at 97", "order-views at -1");
    }

    @Test
    void processorsWhoseEverySegmentReachedThePositionOweNothing() {
        assertThat(Backlog.behind(PROCESSORS, 97)).containsExactly("order-views at -1");
        assertThat(Backlog.behind("[]", 1_000)).isEmpty();
    }
}
