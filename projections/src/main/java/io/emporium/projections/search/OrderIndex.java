package io.emporium.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import io.emporium.projections.VersionedDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of orders, behind the alias {@value #ALIAS} so that a rebuilt index can replace it at
 * once. Each document's external version is the global position of the event that wrote it: a redelivered or
 * replayed older event is refused by Elasticsearch itself and never brings an older document back.
 */
@Component
class OrderIndex {

    static final String ALIAS = "orders";
    static final String INDEX = "orders-v1";

    private final ElasticsearchClient client;
    private final VersionedDocuments<OrderDocument> documents;
    private volatile boolean ready;

    OrderIndex(ElasticsearchClient client) {
        this.client = client;
        this.documents = new VersionedDocuments<>(client, OrderDocument.class, "order", OrderDocument::orderId,
                OrderDocument::position);
    }

    /** The indexed documents of these orders that the index holds, by order id, in one request. */
    Map<String, OrderDocument> find(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        ensureExists();
        return documents.find(ALIAS, orderIds);
    }

    /** Writes the documents in one bulk request, each versioned by the position of the event that wrote it. */
    void write(Collection<OrderDocument> changed) {
        if (changed.isEmpty()) {
            return;
        }
        ensureExists();
        documents.write(ALIAS, changed, VersionType.External);
    }

    /** Created on first use rather than at startup, so the engine starts even while Elasticsearch is down. */
    private void ensureExists() {
        if (ready) {
            return;
        }
        try {
            if (!client.indices().existsAlias(request -> request.name(ALIAS)).value()) {
                client.indices().create(request -> request.index(INDEX)
                        .aliases(ALIAS, alias -> alias)
                        .mappings(mapping -> mapping.dynamic(co.elastic.clients.elasticsearch._types.mapping
                                        .DynamicMapping.Strict)
                                .properties("orderId", p -> p.keyword(k -> k))
                                .properties("customerId", p -> p.keyword(k -> k))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("skus", p -> p.keyword(k -> k))
                                .properties("totalMinor", p -> p.long_(l -> l))
                                .properties("currency", p -> p.keyword(k -> k))
                                .properties("placedAt", p -> p.date(d -> d))
                                .properties("position", p -> p.long_(l -> l))));
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
}
