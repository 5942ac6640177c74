package io.emporium.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private volatile boolean ready;

    OrderIndex(ElasticsearchClient client) {
        this.client = client;
    }

    /** The indexed documents of these orders that the index holds, by order id, in one request. */
    Map<String, OrderDocument> find(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        ensureExists();
        try {
            var response = client.mget(request -> request.index(ALIAS).ids(List.copyOf(orderIds)),
                    OrderDocument.class);
            var found = new HashMap<String, OrderDocument>();
            for (var item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("cannot read order " + item.failure().id() + ": "
                            + item.failure().error().reason());
                }
                var source = item.result().source();
                if (item.result().found() && source != null) {
                    found.put(source.orderId(), source);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the documents in one bulk request, each with its event's position as external version: a redelivered
     * or replayed older event is refused by Elasticsearch itself (a conflict, which means the index already holds
     * this effect or a newer one) and never brings an older document back.
     */
    void write(Collection<OrderDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        ensureExists();
        var operations = documents.stream().map(document -> BulkOperation.of(operation -> operation
                .index(index -> index.index(ALIAS).id(document.orderId()).version(document.position())
                        .versionType(VersionType.External).document(document)))).toList();
        try {
            var response = client.bulk(request -> request.operations(operations));
            if (!response.errors()) {
                return;
            }
            var failures = response.items().stream()
                    .filter(item -> item.error() != null && item.status() != VERSION_CONFLICT)
                    .map(item -> item.id() + ": " + Objects.requireNonNull(item.error()).reason()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Elasticsearch refused order documents " + failures);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
