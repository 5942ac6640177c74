package io.emporium.projections.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of products, {@value #INDEX} behind the alias {@value #ALIAS} so that a rebuilt index can
 * replace it at once. Its mappings and analyzers are in {@code elasticsearch/products-v1.json}.
 *
 * <p>Each document's external version is the highest global position applied to it. Writes use
 * {@code external_gte} rather than {@code external}: an event of one stream that commits late (see
 * {@link ProductDocument}) changes the document without raising that highest position. An older document never
 * comes back: a write below the stored version is refused by Elasticsearch itself.
 */
@Component
class ProductIndex {

    static final String ALIAS = "products";
    static final String INDEX = "products-v1";
    private static final String DEFINITION = "/elasticsearch/products-v1.json";
    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private volatile boolean ready;

    ProductIndex(ElasticsearchClient client) {
        this.client = client;
    }

    /** The stored documents of these SKUs; a SKU without one is absent from the map. */
    Map<String, ProductDocument> find(Collection<String> skus) {
        ensureExists();
        try {
            var response = client.mget(request -> request.index(ALIAS).ids(List.copyOf(skus)),
                    ProductDocument.class);
            var found = new HashMap<String, ProductDocument>();
            for (var item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("cannot read product " + item.failure().id() + ": "
                            + item.failure().error().reason());
                }
                var source = item.result().source();
                if (item.result().found() && source != null) {
                    found.put(source.sku(), source);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the documents in one bulk request. An item refused as a version conflict lost to a newer document of
     * the same SKU, which holds this change already; any other refused item fails the whole call, so that the
     * processor retries the batch.
     */
    void write(Collection<ProductDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        ensureExists();
        var operations = documents.stream().map(document -> BulkOperation.of(operation -> operation
                .index(index -> index.index(ALIAS).id(document.sku()).version(document.position())
                        .versionType(VersionType.ExternalGte).document(document)))).toList();
        try {
            var response = client.bulk(request -> request.operations(operations));
            if (!response.errors()) {
                return;
            }
            var failures = response.items().stream()
                    .filter(item -> item.error() != null && item.status() != VERSION_CONFLICT)
                    .map(item -> item.id() + ": " + Objects.requireNonNull(item.error()).reason()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Elasticsearch refused product documents " + failures);
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
                create();
            }
            // A new index refuses reads until its shard starts, also when another thread or instance created it:
            // waited for here, so that the first batches rarely fail; one that still finds no shard is retried.
            ready = !client.cluster().health(request -> request.index(INDEX).waitForStatus(HealthStatus.Yellow)
                    .waitForNoInitializingShards(true)
                    .timeout(t -> t.time("30s"))).timedOut();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void create() throws IOException {
        try (InputStream definition = Objects.requireNonNull(getClass().getResourceAsStream(DEFINITION))) {
            client.indices().create(request -> request.index(INDEX).withJson(definition));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }
}
