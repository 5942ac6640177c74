package io.emporium.projections.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.catalog.ProductViewChanged;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;
import io.emporium.contracts.money.Money;
import io.emporium.projections.RefusedDocuments;
import io.emporium.projections.VersionedDocuments;
import io.emporium.servers.EmbeddedServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** given(batches of events) → then(product document), on a real Elasticsearch with the real index definition. */
class ProductSearchProjectionIT {

    private static final ProductDetails DISH = new ProductDetails("Crème brûlée dish", "Porcelain, 12 cm", "kitchen",
            Map.of("colour", "white"));

    private static ElasticsearchClient elasticsearch;
    private static ProductIndex index;

    private final List<Object> announced = new ArrayList<>();
    private final List<VersionedDocuments.Refused> setAside = new ArrayList<>();
    private final RefusedDocuments refused = (index, documents) -> setAside.addAll(documents);
    private ProductSearchProjection projection;
    private String sku;

    /** An event at its global position. */
    private record At(Object event, long position) {}

    @BeforeAll
    static void realElasticsearch() {
        elasticsearch = ElasticsearchClient.of(client -> client.host(EmbeddedServers.get().elasticsearchUri())
                .jsonMapper(new Jackson3JsonpMapper()));
        index = new ProductIndex(elasticsearch);
    }

    @BeforeEach
    void newSku() {
        sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        projection = new ProductSearchProjection(index, announced::addAll, refused);
    }

    /** Handles the events as one processor batch: one unit of work, committed at the end. */
    private void batch(At... events) {
        batch(projection, events);
    }

    private static void batch(ProductSearchProjection projection, At... events) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (var at : events) {
            var token = new GlobalSequenceTrackingToken(at.position());
            switch (at.event()) {
                case CatalogEvent catalog -> projection.on(catalog, token, null);
                case InventoryEvent stock -> projection.on(stock, token, null);
                default -> throw new IllegalArgumentException("not a catalog or stock event: " + at.event());
            }
        }
        unitOfWork.commit();
    }

    private ProductDocument document() {
        return index.find(List.of(sku)).get(sku);
    }

    private long storedVersion() throws IOException {
        return elasticsearch.get(request -> request.index(ProductIndex.ALIAS).id(sku), ProductDocument.class)
                .version();
    }

    private At defined(long position) {
        return new At(new ProductDefined(sku, DISH, Money.of(1_250, "EUR")), position);
    }

    @Test
    void anOlderVersionGetsTheHighlightSettingOnFirstUseAsTheServingOneHasIt() throws Exception {
        var older = ProductIndex.nameOf(ThreadLocalRandom.current().nextInt(1_000, 1_000_000));
        elasticsearch.indices().create(request -> request.index(older));
        try {
            new ProductIndex(elasticsearch, older).find(List.of(sku));

            var turnedOff = "\"index.highlight.weight_matches_mode.enabled\":\"false\"";
            assertThat(highlightSettings(older)).contains(turnedOff);
            assertThat(highlightSettings(index.name())).contains(turnedOff);
        } finally {
            elasticsearch.indices().delete(request -> request.index(older));
        }
    }

    /** The index's highlighting settings as Elasticsearch answers them, flat. */
    private static String highlightSettings(String indexName) throws IOException, InterruptedException {
        var uri = URI.create(EmbeddedServers.get().elasticsearchUri() + "/" + indexName
                + "/_settings/index.highlight.*?flat_settings=true");
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void aDefinedAndActivatedProductIsIndexedWithItsDetailsPriceAndStatusAtItsLastPosition() throws IOException {
        batch(defined(10), new At(new ProductActivated(sku), 11));

        assertThat(document()).isEqualTo(new ProductDocument(sku, "Crème brûlée dish", "Porcelain, 12 cm", "kitchen",
                Map.of("colour", "white"), 1_250L, "EUR", 0, false, "ACTIVE", 11, 0, 11));
        assertThat(storedVersion()).isEqualTo(11);
        assertThat(announced).containsExactly(new ProductViewChanged(sku, 11));
    }

    @Test
    void stockReceivedBeforeTheProductIsDefinedIsKeptUnlistedAndCompletedByTheDefinition() {
        batch(new At(new StockReceived(sku, "r-1", 5, new StockLevels(5, 0)), 20));
        assertThat(document().status()).isEqualTo("UNKNOWN");
        assertThat(document().available()).isEqualTo(5);

        batch(defined(21));

        assertThat(document()).isEqualTo(new ProductDocument(sku, "Crème brûlée dish", "Porcelain, 12 cm", "kitchen",
                Map.of("colour", "white"), 1_250L, "EUR", 5, true, "DRAFT", 21, 20, 21));
    }

    @Test
    void aStockEventCommittedAfterALaterPriceChangeStillCounts() throws IOException {
        batch(defined(30), new At(new PriceChanged(sku, Money.of(1_250, "EUR"), Money.of(990, "EUR")), 32));

        batch(new At(new StockReceived(sku, "r-1", 3, new StockLevels(3, 0)), 31));

        assertThat(document().available()).isEqualTo(3);
        assertThat(document().priceMinor()).isEqualTo(990L);
        assertThat(storedVersion()).isEqualTo(32);
    }

    @Test
    void aRedeliveredBatchChangesNothingButAnnouncesItsProductsAgain() {
        var events = new At[] {defined(40), new At(new ProductActivated(sku), 41),
                new At(new StockReserved(sku, "res-1", 1, new StockLevels(4, 1)), 42)};
        batch(events);
        var written = document();

        batch(events);

        assertThat(document()).isEqualTo(written);
        // The first announcement may have rolled back with its batch's transaction after the index took the write.
        assertThat(announced).containsExactly(new ProductViewChanged(sku, 42), new ProductViewChanged(sku, 42));
    }

    @Test
    void anOlderDocumentNeverReplacesANewerOneWrittenMeanwhile() {
        batch(defined(50), new At(new ProductDiscontinued(sku), 55));
        var stale = new ProductDocument(sku, "Old name", "", "kitchen", Map.of(), 1L, "EUR", 0, false, "ACTIVE",
                52, 0, 52);

        index.write(List.of(stale));

        assertThat(document().status()).isEqualTo("DISCONTINUED");
        assertThat(document().position()).isEqualTo(55);
    }

    @Test
    void aChangeIsAnnouncedOnlyOnceTheIndexShowsIt() {
        batch(defined(60));
        var seenWhenAnnounced = new ArrayList<ProductDocument>();
        var announcing = new ProductSearchProjection(index,
                event -> seenWhenAnnounced.add(index.find(List.of(sku)).get(sku)), refused);

        batch(announcing, new At(new PriceChanged(sku, Money.of(1_250, "EUR"), Money.of(1_100, "EUR")), 61));

        assertThat(seenWhenAnnounced).singleElement().extracting(ProductDocument::priceMinor).isEqualTo(1_100L);
    }

    @Test
    void anUnreachableIndexFailsTheBatchAndAnnouncesNothing() {
        var nowhere = ElasticsearchClient.of(client -> client.host("http://127.0.0.1:9")
                .jsonMapper(new Jackson3JsonpMapper()));
        var failing = new ProductSearchProjection(new ProductIndex(nowhere), announced::addAll,
                refused);

        assertThatThrownBy(() -> batch(failing, defined(70))).isInstanceOf(Exception.class);
        assertThat(announced).isEmpty();
    }

    @Test
    void aProductTheIndexRefusesIsSetAsideWithItsReasonWhileTheRestOfItsBatchIsIndexed() {
        var unindexable = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        // Longer than the 32,766 bytes Lucene allows for one keyword term (the name's sort field).
        var endlessName = new ProductDetails("x".repeat(40_000), "", "kitchen", Map.of());

        batch(new At(new ProductDefined(unindexable, endlessName, Money.of(100, "EUR")), 80), defined(81));

        assertThat(document().position()).isEqualTo(81);
        assertThat(index.find(List.of(unindexable))).isEmpty();
        assertThat(setAside).singleElement().satisfies(refusal -> {
            assertThat(refusal.id()).isEqualTo(unindexable);
            assertThat(refusal.position()).isEqualTo(80);
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.reason()).contains("failed to parse field [name.sort]").hasSizeLessThanOrEqualTo(500);
        });
        assertThat(announced).hasSize(2);
    }
}
