package io.emporium.query.order;

import io.emporium.contracts.order.OrderQuery.FindOrder;
import io.emporium.contracts.order.OrderView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** GET /orders/{id}: an order as the read model knows it. */
@RestController
class OrderQueryApi {

    private final OrderViews orders;

    OrderQueryApi(OrderViews orders) {
        this.orders = orders;
    }

    @GetMapping("/orders/{orderId}")
    Mono<OrderView> order(@PathVariable String orderId) {
        return orders.answer(new FindOrder(orderId))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No order " + orderId + " is known (yet).")));
    }
}
