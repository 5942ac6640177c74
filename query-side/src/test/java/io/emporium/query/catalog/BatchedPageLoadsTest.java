package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class BatchedPageLoadsTest {

    /** Each read of the index, in order: the products asked for and the answer it will give when told. */
    private final List<Read> reads = new ArrayList<>();

    private record Read(List<String> skus, Sinks.One<Map<String, byte[]>> answer) {

        void answerWithPagesOf(String... skus) {
            var pages = new HashMap<String, byte[]>();
            for (var sku : skus) {
                pages.put(sku, page(sku));
            }
            answer.tryEmitValue(pages);
        }
    }

    private final BatchedPageLoads loads = new BatchedPageLoads(skus -> {
        var read = new Read(skus, Sinks.one());
        reads.add(read);
        return read.answer().asMono();
    }, 3, 1);

    private static byte[] page(String sku) {
        return ("{\"sku\":\"" + sku + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPageWantedWhileTheIndexIsIdleIsReadAtOnceAndAlone() {
        var mug = loads.load("SKU-MUG");

        assertThat(reads).extracting(Read::skus).containsExactly(List.of("SKU-MUG"));
        reads.getFirst().answerWithPagesOf("SKU-MUG");
        assertThat(mug.join()).isEqualTo(page("SKU-MUG"));
    }

    @Test
    void pagesWantedTogetherAreReadWithOneRequestEvenWhileTheIndexIsIdle() {
        var wanted = new ArrayList<CompletableFuture<byte[]>>();
        loads.together(() -> List.of("SKU-MUG", "SKU-CUP", "SKU-POT", "SKU-JUG").forEach(sku ->
                wanted.add(loads.load(sku))));

        // One read may be under way at once here, so the fourth page waits for the first read's end.
        assertThat(reads).extracting(Read::skus).containsExactly(List.of("SKU-MUG", "SKU-CUP", "SKU-POT"));
        reads.get(0).answerWithPagesOf("SKU-MUG", "SKU-CUP", "SKU-POT");
        assertThat(reads).extracting(Read::skus).last().isEqualTo(List.of("SKU-JUG"));
        reads.get(1).answerWithPagesOf("SKU-JUG");

        assertThat(wanted).extracting(CompletableFuture::join).containsExactly(
                page("SKU-MUG"), page("SKU-CUP"), page("SKU-POT"), page("SKU-JUG"));
    }

    @Test
    void pagesWantedWhileTheIndexIsBusyAreReadTogetherOnceItIsFree() {
        var mug = loads.load("SKU-MUG");
        var cup = loads.load("SKU-CUP");
        var pot = loads.load("SKU-POT");
        var jug = loads.load("SKU-JUG");
        var bowl = loads.load("SKU-BOWL");
        assertThat(reads).hasSize(1);

        reads.get(0).answerWithPagesOf("SKU-MUG");
        assertThat(reads).extracting(Read::skus)
                .containsExactly(List.of("SKU-MUG"), List.of("SKU-CUP", "SKU-POT", "SKU-JUG"));
        reads.get(1).answerWithPagesOf("SKU-CUP", "SKU-POT", "SKU-JUG");
        assertThat(reads).extracting(Read::skus).last().isEqualTo(List.of("SKU-BOWL"));
        reads.get(2).answerWithPagesOf("SKU-BOWL");

        assertThat(List.of(mug, cup, pot, jug, bowl)).extracting(CompletableFuture::join).containsExactly(
                page("SKU-MUG"), page("SKU-CUP"), page("SKU-POT"), page("SKU-JUG"), page("SKU-BOWL"));
    }

    @Test
    void aProductTheIndexDoesNotShowHasNoPage() {
        var mug = loads.load("SKU-MUG");
        reads.getFirst().answerWithPagesOf();
        var cup = loads.load("SKU-CUP");
        reads.getLast().answer().tryEmitEmpty();

        assertThat(mug.join()).isNull();
        assertThat(cup.join()).isNull();
    }

    @Test
    void aFailedReadFailsOnlyItsOwnPagesAndTheWaitingOnesAreReadNext() {
        var mug = loads.load("SKU-MUG");
        var cup = loads.load("SKU-CUP");

        reads.getFirst().answer().tryEmitError(new IllegalStateException("index down"));

        assertThat(reads).extracting(Read::skus).last().isEqualTo(List.of("SKU-CUP"));
        reads.getLast().answerWithPagesOf("SKU-CUP");
        assertThat(cup.join()).isEqualTo(page("SKU-CUP"));
        assertThatThrownBy(mug::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("index down");
    }

    @Test
    void aProductWantedTwiceBeforeItIsReadIsAskedForOnce() {
        loads.load("SKU-MUG");
        var reload = loads.load("SKU-CUP");
        var again = loads.load("SKU-CUP");
        reads.getFirst().answerWithPagesOf("SKU-MUG");

        assertThat(reads.getLast().skus()).containsExactly("SKU-CUP");
        reads.getLast().answerWithPagesOf("SKU-CUP");
        assertThat(reload.join()).isEqualTo(again.join()).isEqualTo(page("SKU-CUP"));
    }

    @Test
    void aReaderThatThrowsFailsItsPagesAndLeavesTheIndexFreeForTheNext() {
        var failing = new BatchedPageLoads(skus -> {
            if (skus.contains("SKU-BUG")) {
                throw new IllegalArgumentException("bug");
            }
            return Mono.just(Map.of("SKU-MUG", page("SKU-MUG")));
        }, 3, 1);

        assertThat(failing.load("SKU-BUG")).isCompletedExceptionally();
        assertThat(failing.load("SKU-MUG").join()).isEqualTo(page("SKU-MUG"));
    }
}
