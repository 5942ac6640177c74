package io.emporium.query.cart;

import io.emporium.contracts.cart.CartQuery.FindCart;
import io.emporium.contracts.cart.CartView;
import io.emporium.query.freshness.ChangeNotices.Channel;
import io.emporium.query.freshness.ReadYourWrites;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** GET /carts/{id}: a cart as the read model knows it; with a position, once it shows the client's own change. */
@RestController
class CartQueryApi {

    private final CartViews carts;
    private final ReadYourWrites freshness;

    CartQueryApi(CartViews carts, ReadYourWrites freshness) {
        this.carts = carts;
        this.freshness = freshness;
    }

    /**
     * How far a cart view is known to be current. A checked-out cart never changes again, so it shows every write
     * ever made to it, also the checkout's own, whose answer carries the position of the order it placed, a later
     * event than the cart's.
     */
    private static long showsUpTo(CartView cart) {
        return "CHECKED_OUT".equals(cart.status()) ? Long.MAX_VALUE : cart.position();
    }

    @GetMapping("/carts/{cartId}")
    Mono<CartView> cart(@PathVariable String cartId,
                        @RequestParam(name = "position", required = false) @Nullable Long position,
                        @RequestHeader(name = ReadYourWrites.POSITION_HEADER, required = false)
                        @Nullable String positionHeader) {
        return freshness.read(Channel.CARTS, cartId, ReadYourWrites.position(position, positionHeader),
                        () -> carts.answer(new FindCart(cartId)), CartQueryApi::showsUpTo)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No cart " + cartId + " is known (yet).")));
    }
}
