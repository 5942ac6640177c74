package io.emporium.projections.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import io.emporium.projections.VersionedDocuments;
import io.emporium.servers.EmbeddedServers;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** given(batches of order events) → then(order document), on a real Elasticsearch with the real index definition. */
class OrderSearchProjectionIT {

    private static final Instant PLACED_AT = Instant.parse("2026-11-24T10:15:30Z");

    private static ElasticsearchClient elasticsearch;
    private static OrderIndex index;

    private final List<VersionedDocuments.Refused> setAside = new ArrayList<>();
    private final OrderSearchProjection projection = new OrderSearchProjection(index,
            (name, documents) -> setAside.addAll(documents));
    private String orderId;

    /** An event at its global position. */
    private record At(OrderEvent event, long position) {}

    @BeforeAll
    static void realElasticsearch() {
        elasticsearch = ElasticsearchClient.of(client -> client.host(EmbeddedServers.get().elasticsearchUri())
                .jsonMapper(new Jackson3JsonpMapper()));
        index = new OrderIndex(elasticsearch);
    }

    @BeforeEach
    void newOrder() {
        orderId = "order-" + UUID.randomUUID();
    }

    /** Handles the events as one processor batch: one unit of work, committed at the end. */
    private void batch(At... events) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (var at : events) {
            projection.on(at.event(), new GlobalSequenceTrackingToken(at.position()), null);
        }
        unitOfWork.commit();
    }

    private At placed(long position) {
        return placed(orderId, position);
    }

    private static At placed(String orderId, long position) {
        return new At(new OrderPlaced(orderId, "customer-7", List.of(
                new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
                new OrderLine("SKU-TEA", 1, Money.of(899, "EUR")),
                new OrderLine("SKU-MUG", 1, Money.of(1_250, "EUR"))), Money.of(4_649, "EUR"),
                new PaymentCard("tok_good", "visa", "4242"), PLACED_AT), position);
    }

    private OrderDocument document() {
        return index.find(List.of(orderId)).get(orderId);
    }

    private long storedVersion() throws IOException {
        return elasticsearch.get(request -> request.index(OrderIndex.ALIAS).id(orderId), OrderDocument.class)
                .version();
    }

    /** Orders of real events are documents the index takes: none is ever set aside here. */
    @AfterEach
    void noOrderWasSetAside() {
        assertThat(setAside).isEmpty();
    }

    @Test
    void aPlacedOrderIsIndexedWithItsCustomerDistinctSkusAndTotalAtItsPosition() throws IOException {
        batch(placed(10));

        assertThat(document()).isEqualTo(new OrderDocument(orderId, "customer-7", "PLACED",
                List.of("SKU-MUG", "SKU-TEA"), 4_649, "EUR", PLACED_AT.toString(), 10));
        assertThat(storedVersion()).isEqualTo(10);
    }

    @Test
    void anOrderPlacedAndConfirmedInOneBatchIsWrittenOnceWithItsLastStatus() throws IOException {
        batch(placed(20), new At(new OrderConfirmed(orderId, "pay-1"), 23));

        assertThat(document().status()).isEqualTo("CONFIRMED");
        assertThat(document().position()).isEqualTo(23);
        assertThat(storedVersion()).isEqualTo(23);
    }

    @Test
    void aStatusChangeInALaterBatchMovesTheIndexedOrderOn() {
        batch(placed(30));
        batch(new At(new OrderConfirmed(orderId, "pay-1"), 31));
        batch(new At(new OrderShipped(orderId), 35));

        assertThat(document().status()).isEqualTo("SHIPPED");
        assertThat(document().skus()).containsExactly("SKU-MUG", "SKU-TEA");
        assertThat(document().position()).isEqualTo(35);
    }

    @Test
    void aRedeliveredOlderBatchNeverBringsAnOlderStatusBack() {
        var first = new At[] {placed(40), new At(new OrderConfirmed(orderId, "pay-1"), 41)};
        batch(first);
        batch(new At(new OrderCancelled(orderId, "CUSTOMER_REQUEST"), 44));

        batch(first);

        assertThat(document().status()).isEqualTo("CANCELLED");
        assertThat(document().position()).isEqualTo(44);
    }

    @Test
    void aStatusChangeForAnOrderTheIndexDoesNotHoldIsSkipped() {
        batch(new At(new OrderConfirmed(orderId, "pay-1"), 50));

        assertThat(index.find(List.of(orderId))).isEmpty();
    }

    @Test
    void ordersOfOneBatchAreEachIndexedWithTheirOwnEvents() {
        var other = "order-" + UUID.randomUUID();
        batch(placed(60), placed(other, 61), new At(new OrderConfirmed(orderId, "pay-1"), 62),
                new At(new OrderCancelled(other, "EXPIRED"), 63));

        var found = index.find(List.of(orderId, other));
        assertThat(found.get(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(found.get(other).status()).isEqualTo("CANCELLED");
    }
}
