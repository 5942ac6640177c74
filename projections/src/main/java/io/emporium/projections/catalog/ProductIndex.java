package io.emporium.projections.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.json.JsonData;
import io.emporium.projections.VersionedDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
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
 *
 * <p>Every version, new or created before, gets {@link #READ_SETTINGS} on first use: they turn off the unified
 * highlighter's weight-matches mode, in which it matched the whole query, its filters included, against each field
 * of each hit: about 65 us a field and hit. The benchmark's searches with words (20 hits, three highlighted fields,
 * 100,000 products as it generates them) took 8.7-9.1 ms on average in Elasticsearch with it and 5.6-5.8 ms
 * without, with the same highlights in all 186 compared (issue 4's note of the fifty-first session).
 */
@Component
class ProductIndex {

    static final String ALIAS = "products";
    static final String INDEX = "products-v1";
    static final String DEFINITION = "/elasticsearch/products-v1.json";
    /** Dynamic settings, put on each version on first use, so that one created before them gets them too. */
    static final Map<String, JsonData> READ_SETTINGS = Map.of("highlight.weight_matches_mode.enabled",
            JsonData.of(false));
    private final ElasticsearchClient client;
    private final VersionedDocuments<ProductDocument> documents;
    /** The version's index written and read; null until the serving one is looked up. */
    private volatile @Nullable String index;
    private volatile boolean ready;

    /** The serving version: the index behind the alias, created as {@value #INDEX} if there is none yet. */
    @Autowired
    ProductIndex(ElasticsearchClient client) {
        this.client = client;
        this.documents = new VersionedDocuments<>(client, ProductDocument.class, "product", ProductDocument::sku,
                ProductDocument::position);
    }

    /** One version's index, which exists already. */
    ProductIndex(ElasticsearchClient client, String index) {
        this(client);
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
        return documents.find(target(), skus);
    }

    /**
     * Writes the documents in one bulk request. An item refused as a version conflict lost to a newer document of
     * the same SKU, which holds this change already; items refused while Elasticsearch is overloaded or failing fail
     * the whole call, so that the processor retries the batch; the documents refused for good are returned.
     */
    List<VersionedDocuments.Refused> write(Collection<ProductDocument> changed) {
        if (changed.isEmpty()) {
            return List.of();
        }
        ensureExists();
        return documents.write(target(), changed, VersionType.ExternalGte);
    }

    /** The name of the version's index written, for records of what it refused. */
    String name() {
        ensureExists();
        return target();
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
            var started = !client.cluster().health(request -> request.index(target())
                    .waitForStatus(HealthStatus.Yellow)
                    .waitForNoInitializingShards(true)
                    .timeout(t -> t.time("30s"))).timedOut();
            if (started) {
                client.indices().putSettings(request -> request.index(target())
                        .settings(settings -> settings.otherSettings(READ_SETTINGS)));
            }
            ready = started;
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
