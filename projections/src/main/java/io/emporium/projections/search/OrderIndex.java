package io.emporium.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import io.emporium.projections.VersionedDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of orders: one index per version ({@code orders-vN}, the first {@value #INDEX}) behind the
 * alias {@value #ALIAS}, which readers and the live projection use and a rebuild swaps to a new version in one
 * request ({@link OrderSearchRebuild}). Each document's external version is the global position of the event that
 * wrote it: a redelivered or replayed older event is refused by Elasticsearch itself and never brings an older
 * document back.
 */
@Component
class OrderIndex {

    static final String ALIAS = "orders";
    static final String INDEX = "orders-v1";

    private final ElasticsearchClient client;
    private final VersionedDocuments<OrderDocument> documents;
    /** The alias, or one version's index while a rebuild fills it. */
    private final String target;
    private volatile boolean ready;

    /** The serving index, through the alias. */
    @Autowired
    OrderIndex(ElasticsearchClient client) {
        this(client, ALIAS);
    }

    /** One version's index, which exists already. */
    OrderIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.documents = new VersionedDocuments<>(client, OrderDocument.class, "order", OrderDocument::orderId,
                OrderDocument::position);
        this.target = index;
        this.ready = !index.equals(ALIAS);
    }

    static String nameOf(int version) {
        return "orders-v" + version;
    }

    /** The indexed documents of these orders that the index holds, by order id, in one request. */
    Map<String, OrderDocument> find(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        ensureExists();
        return documents.find(target, orderIds);
    }

    /**
     * Writes the documents in one bulk request, each versioned by the position of the event that wrote it; returns
     * the documents Elasticsearch refused for good (see {@link VersionedDocuments#write}).
     */
    List<VersionedDocuments.Refused> write(Collection<OrderDocument> changed) {
        if (changed.isEmpty()) {
            return List.of();
        }
        ensureExists();
        return documents.write(target, changed, VersionType.External);
    }

    /** The name of the version's index written, for records of what it refused. */
    String name() {
        return target;
    }

    /** Created on first use rather than at startup, so the engine starts even while Elasticsearch is down. */
    private void ensureExists() {
        if (ready) {
            return;
        }
        try {
            if (!client.indices().existsAlias(request -> request.name(ALIAS)).value()) {
                create(client, INDEX, true);
            }
            ready = true;
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
            ready = true; // another instance created it first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an index with the order mapping; behind the alias, or (for a rebuild) beside it without refreshes. */
    static void create(ElasticsearchClient client, String index, boolean behindAlias) throws IOException {
        client.indices().create(request -> {
            request.index(index)
                    .mappings(mapping -> mapping.dynamic(co.elastic.clients.elasticsearch._types.mapping
                                    .DynamicMapping.Strict)
                            .properties("orderId", p -> p.keyword(k -> k))
                            .properties("customerId", p -> p.keyword(k -> k))
                            .properties("status", p -> p.keyword(k -> k))
                            .properties("skus", p -> p.keyword(k -> k))
                            .properties("totalMinor", p -> p.long_(l -> l))
                            .properties("currency", p -> p.keyword(k -> k))
                            .properties("placedAt", p -> p.date(d -> d))
                            .properties("position", p -> p.long_(l -> l)));
            return behindAlias ? request.aliases(ALIAS, alias -> alias)
                    : request.settings(settings -> settings.refreshInterval(interval -> interval.time("-1")));
        });
    }
}
