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
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of products: one index per version ({@code products-vN}, the first {@value #INDEX}) behind
 * the alias {@value #ALIAS}, which readers use and a rebuild swaps to a new version in one request (see
 * {@link ProductSearchRebuild}). Writes go to one version's index by its own name, never through the alias. The
 * mappings and analyzers of every version are those of {@code elasticsearch/products-v1.json}.
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
    static final String DEFINITION = "/elasticsearch/products-v1.json";
    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    /** The version's index written and read; null until the serving one is looked up. */
    private volatile @Nullable String index;
    private volatile boolean ready;

    /** The serving version: the index behind the alias, created as {@value #INDEX} if there is none yet. */
    @Autowired
    ProductIndex(ElasticsearchClient client) {
        this.client = client;
    }

    /** One version's index, which exists already. */
    ProductIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    static String nameOf(int version) {
        return "products-v" + version;
    }

    /** From now on reads and writes {@code version}; called while the processor is stopped. */
    void retarget(int version) {
        index = nameOf(version);
        ready = false;
    }

    /** The stored documents of these SKUs; a SKU without one is absent from the map. */
    Map<String, ProductDocument> find(Collection<String> skus) {
        ensureExists();
        try {
            var response = client.mget(request -> request.index(target()).ids(List.copyOf(skus)),
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
                .index(index -> index.index(target()).id(document.sku()).version(document.position())
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

    private String target() {
        return Objects.requireNonNull(index, "the index is looked up first");
    }

    /** Created on first use rather than at startup, so the engine starts even while Elasticsearch is down. */
    private void ensureExists() {
        if (ready) {
            return;
        }
        try {
            if (index == null) {
                if (!client.indices().existsAlias(request -> request.name(ALIAS)).value()) {
                    create();
                }
                index = client.indices().getAlias(request -> request.name(ALIAS)).aliases().keySet().stream()
                        .findFirst().orElseThrow(() -> new IllegalStateException("alias " + ALIAS + " names no index"));
            }
            // A new index refuses reads until its shard starts, also when another thread or instance created it:
            // waited for here, so that the first batches rarely fail; one that still finds no shard is retried.
            ready = !client.cluster().health(request -> request.index(target()).waitForStatus(HealthStatus.Yellow)
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
