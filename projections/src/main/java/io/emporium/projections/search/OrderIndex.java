package io.emporium.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    void put(OrderDocument document) {
        ensureExists();
        try {
            client.index(request -> request.index(ALIAS).id(document.orderId())
                    .version(document.position()).versionType(VersionType.External).document(document));
        } catch (ElasticsearchException e) {
            if (e.status() != VERSION_CONFLICT) {
                throw e;
            }
            // The index already holds this event's effect or a newer one.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves an indexed order to a new status at the event's position. Read, then written back with the position as
     * external version: a concurrent or older write loses against Elasticsearch's version check, never silently.
     */
    void updateStatus(String orderId, String status, long position) {
        ensureExists();
        try {
            var current = client.get(request -> request.index(ALIAS).id(orderId), OrderDocument.class);
            var document = current.source();
            if (document == null || document.position() >= position) {
                return; // an order's events arrive in order: absent means another node's index was reset
            }
            put(new OrderDocument(document.orderId(), document.customerId(), status, document.skus(),
                    document.totalMinor(), document.currency(), document.placedAt(), position));
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
