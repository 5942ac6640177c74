package io.emporium.projections.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.RebuildableReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import io.emporium.contracts.catalog.ProductViewChanged;
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

    private static final int BULK_SIZE = 2_000;
    private static final int SCAN_PAGE = 5_000;
    /** Elasticsearch's default, which the serving index has too. */
    private static final String REFRESH_INTERVAL = "1s";

    private final ElasticsearchClient client;
    private final ProductIndex serving;
    private final ProductViewAnnouncements announcements;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ProductSearchRebuild(ElasticsearchClient client, ProductIndex serving, ProductViewAnnouncements announcements,
                         JdbcTemplate jdbc, JsonMapper json) {
        this.client = client;
        this.serving = serving;
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.json = json;
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
                var batch = new ArrayList<ProductDocument>(BULK_SIZE);
                for (var document : documents.values()) {
                    batch.add(document);
                    if (batch.size() == BULK_SIZE) {
                        index.write(batch);
                        batch.clear();
                    }
                }
                index.write(batch);
            }
        };
    }

    @Override
    public void complete(int version) {
        try {
            client.indices().putSettings(request -> request.index(ProductIndex.nameOf(version))
                    .settings(settings -> settings.refreshInterval(interval -> interval.time(REFRESH_INTERVAL))));
            client.indices().refresh(request -> request.index(ProductIndex.nameOf(version)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        var old = hashes(ProductIndex.nameOf(servingVersion), position);
        var built = hashes(ProductIndex.nameOf(version), position);
        var compared = 0;
        var differing = 0;
        for (var entry : old.entrySet()) {
            var other = built.get(entry.getKey());
            if (other != null) {
                compared++;
                if (!other.equals(entry.getValue())) {
                    differing++;
                }
            }
        }
        return new Check("same documents as v" + servingVersion + " up to position " + position,
                compared + " equal documents", (compared - differing) + " equal, " + differing + " differing",
                differing == 0);
    }

    /** A hash of every document at or below the position, by SKU, read in pages in SKU order. */
    private Map<String, Integer> hashes(String index, long position) {
        var hashes = new HashMap<String, Integer>();
        try {
            List<FieldValue> after = List.of();
            while (true) {
                var from = after;
                var page = client.search(request -> {
                    request.index(index).size(SCAN_PAGE)
                            .query(query -> query.range(range -> range.number(number -> number.field("position")
                                    .lte((double) position))))
                            .sort(sort -> sort.field(field -> field.field("sku").order(SortOrder.Asc)));
                    return from.isEmpty() ? request : request.searchAfter(from);
                }, ProductDocument.class).hits().hits();
                for (var hit : page) {
                    var document = Objects.requireNonNull(hit.source());
                    hashes.put(document.sku(), document.hashCode());
                }
                if (page.size() < SCAN_PAGE) {
                    return hashes;
                }
                after = page.getLast().sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Object liveHandler(int version) {
        return new ProductSearchProjection(new ProductIndex(client, ProductIndex.nameOf(version)), announcements);
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
        try {
            var current = client.indices().getAlias(request -> request.name(ProductIndex.ALIAS)).aliases().keySet();
            client.indices().updateAliases(request -> {
                current.forEach(index -> request.actions(action -> action.remove(remove -> remove.index(index)
                        .alias(ProductIndex.ALIAS))));
                return request.actions(action -> action.add(add -> add.index(ProductIndex.nameOf(version))
                        .alias(ProductIndex.ALIAS)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void retarget(int version) {
        serving.retarget(version);
    }

    @Override
    public void drop(int version) {
        var index = ProductIndex.nameOf(version);
        try {
            var behindAlias = client.indices().existsAlias(request -> request.name(ProductIndex.ALIAS).index(index))
                    .value();
            if (!behindAlias && client.indices().exists(request -> request.index(index)).value()) {
                client.indices().delete(request -> request.index(index));
            }
        } catch (ElasticsearchException e) {
            if (!"index_not_found_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A search already routed to the retired index must not find it deleted. */
    @Override
    public boolean dropsSafelyAtOnce() {
        return false;
    }
}
