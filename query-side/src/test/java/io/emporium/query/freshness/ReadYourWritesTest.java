package io.emporium.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.query.freshness.ChangeNotices.Change;
import io.emporium.query.freshness.ChangeNotices.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** when(notices about a row) → then(the read that shows the client's write, or a bounded wait). */
class ReadYourWritesTest {

    /** A cart as a reader sees it: checked out carts show every write ever made to them. */
    private record Cart(String status, long position) {
        long shows() {
            return status.equals("CHECKED_OUT") ? Long.MAX_VALUE : position;
        }
    }

    /** Notices of a row without a database: the changes given, after the resync every listener starts with. */
    private static ChangeNotices announcing(Change... changes) {
        return new ChangeNotices(null, null) {
            @Override
            public Flux<Change> of(Channel channel, String id) {
                return Flux.concat(Flux.just(new Change.Resync()), Flux.fromArray(changes), Flux.never());
            }
        };
    }

    private static Mono<Cart> reading(List<Cart> rows, AtomicInteger reads) {
        return Mono.fromSupplier(() -> rows.get(Math.min(reads.getAndIncrement(), rows.size() - 1)));
    }

    @Test
    void aCheckoutReadWithThePositionOfItsOrderIsAnsweredOnceTheCartShowsTheCheckoutAtItsOwnLowerPosition() {
        var reads = new AtomicInteger();
        var freshness = new ReadYourWrites(announcing(new Change.Changed("cart-1", "CHECKED_OUT", 458)),
                Duration.ofSeconds(2));

        StepVerifier.create(freshness.read(Channel.CARTS, "cart-1", 459L,
                        () -> reading(List.of(new Cart("OPEN", 457), new Cart("CHECKED_OUT", 458)), reads),
                        Cart::shows))
                .assertNext(cart -> assertThat(cart.status()).isEqualTo("CHECKED_OUT"))
                .verifyComplete();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRowThatNeverShowsThePositionIsANotYetVisibleErrorAfterTheBound() {
        var freshness = new ReadYourWrites(announcing(new Change.Changed("cart-1", "OPEN", 400)),
                Duration.ofMillis(200));

        StepVerifier.create(freshness.read(Channel.CARTS, "cart-1", 459L,
                        () -> Mono.just(new Cart("OPEN", 400)), Cart::shows))
                .expectError(NotYetVisibleException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void withoutAPositionTheRowIsReadAtOnce() {
        var freshness = new ReadYourWrites(announcing(), Duration.ofSeconds(2));

        StepVerifier.create(freshness.read(Channel.CARTS, "cart-1", null, () -> Mono.just(new Cart("OPEN", 1)),
                        Cart::shows))
                .assertNext(cart -> assertThat(cart.position()).isEqualTo(1))
                .verifyComplete();
    }
}
