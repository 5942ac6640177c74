package io.emporium.projections.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.ProductViewChanged;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.projections.RefusedDocuments;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.IndexVersions;
import io.emporium.projections.rebuild.RebuildableReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the product index as a new index {@code products-vN} beside the serving one, and swaps the alias
 * {@value ProductIndex#ALIAS} to it in one {@code _aliases} request. The history is folded in memory in position
 * order (a product document follows two streams, see ADR 005), then written in bulk into the new index while it has
 * no refreshes; refreshes come back before its live processor starts.
 */
@Component
class ProductSearchRebuild implements RebuildableReadModel {

    private final ElasticsearchClient client;
    private final RefusedDocuments refused;
    private final ProductIndex serving;
    private final ProductViewAnnouncements announcements;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final IndexVersions indexes;

    ProductSearchRebuild(ElasticsearchClient client, ProductIndex serving, ProductViewAnnouncements announcements,
                         RefusedDocuments refused, JdbcTemplate jdbc, JsonMapper json) {
        this.client = client;
        this.refused = refused;
        this.serving = serving;
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.json = json;
        this.indexes = new IndexVersions(client, ProductIndex.ALIAS, "sku");
    }

    @Override
    public String name() {
        return ProductSearchProjection.PROCESSOR;
    }

    @Override
    public Set<Class<?>> eventTypes() {
        var types = new LinkedHashSet<Class<?>>();
        types.addAll(List.of(CatalogEvent.class.getPermittedSubclasses()));
        types.addAll(List.of(InventoryEvent.class.getPermittedSubclasses()));
        return types;
    }

    @Override
    public boolean buildsInAnyOrder() {
        return false;
    }

    @Override
    public void create(int version) {
        try (InputStream stream = Objects.requireNonNull(getClass().getResourceAsStream(ProductIndex.DEFINITION))) {
            var definition = (ObjectNode) json.readTree(stream);
            definition.remove("aliases");
            ((ObjectNode) definition.get("settings")).put("refresh_interval", "-1");
            client.indices().create(request -> request.index(ProductIndex.nameOf(version))
                    .withJson(new StringReader(definition.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HistoryWriter writer(int version) {
        var index = new ProductIndex(client, ProductIndex.nameOf(version));
        var documents = new HashMap<String, ProductDocument>();
        return new HistoryWriter() {
            @Override
            public void write(HistoricEvent event) {
                switch (event.payload(Object.class)) {
                    case CatalogEvent catalog -> documents.put(catalog.sku(), documents
                            .getOrDefault(catalog.sku(), ProductDocument.unknown(catalog.sku()))
                            .apply(catalog, event.position()));
                    case InventoryEvent stock -> documents.put(stock.sku(), documents
                            .getOrDefault(stock.sku(), ProductDocument.unknown(stock.sku()))
                            .apply(stock, event.position()));
                    default -> throw new IllegalArgumentException("not a product event: " + event.type());
                }
            }

            @Override
            public void close() {
                IndexVersions.writeInBulks(documents.values(), index::write);
            }
        };
    }

    @Override
    public void complete(int version) {
        indexes.makeSearchable(ProductIndex.nameOf(version));
    }

    /** One document per SKU that any catalog or stock event up to P names; the SKU follows the aggregate's prefix. */
    @Override
    public List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType) {
        var skus = jdbc.queryForObject("""
                select count(distinct substr(aggregate_identifier, strpos(aggregate_identifier, ':') + 1))
                  from domain_event_entry where global_index <= ? and payload_type = any(?)
                """, Long.class, position, eventTypes().stream().map(Class::getName).toArray(String[]::new));
        try {
            var documents = client.count(request -> request.index(ProductIndex.nameOf(version))).count();
            return List.of(Check.equal("products: one document per SKU", skus, documents));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each document that neither version changed after P must be equal in both. */
    @Override
    public Check compare(int servingVersion, int version, long position) {
        return indexes.compare(ProductIndex.nameOf(servingVersion), ProductIndex.nameOf(version), position,
                ProductDocument.class, ProductDocument::sku, "v" + servingVersion);
    }

    @Override
    public Object liveHandler(int version) {
        return new ProductSearchProjection(new ProductIndex(client, ProductIndex.nameOf(version)), announcements,
                refused);
    }

    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencingPolicy() {
        return ProductSearchProcessing.bySku();
    }

    /**
     * One {@code _aliases} request: searches see either the old index or the new one, never both or neither. Every
     * instance's cached product pages came from the old index: a notice without an SKU drops them all when the
     * switch commits.
     */
    @Override
    public void switchReaders(int servingVersion, int version) {
        jdbc.query("select pg_notify(?, '{\"id\": null, \"status\": null, \"position\": 0}')", row -> { },
                ProductViewChanged.CHANNEL);
        indexes.switchTo(ProductIndex.nameOf(version));
    }

    @Override
    public void retarget(int version) {
        serving.retarget(version);
    }

    @Override
    public void drop(int version) {
        indexes.drop(ProductIndex.nameOf(version));
    }

    /** A search already routed to the retired index must not find it deleted. */
    @Override
    public boolean dropsSafelyAtOnce() {
        return false;
    }
}
