package io.emporium.projections;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reading and writing a batch of Elasticsearch documents whose external version is the global position of the
 * event that wrote them: one request to read them, one bulk request to write them. Elasticsearch itself refuses an
 * older version (a conflict, meaning the index already holds that effect or a newer one), so a redelivered or
 * replayed event never brings an older document back.
 *
 * @param <D> the document type
 */
public final class VersionedDocuments<D> {

    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private final Class<D> type;
    private final String what;
    private final Function<D, String> id;
    private final ToLongFunction<D> position;

    /**
     * @param what     the documents' name in error messages ("product", "order")
     * @param id       a document's id
     * @param position the global position of the event that wrote a document: its external version
     */
    public VersionedDocuments(ElasticsearchClient client, Class<D> type, String what, Function<D, String> id,
                              ToLongFunction<D> position) {
        this.client = client;
        this.type = type;
        this.what = what;
        this.id = id;
        this.position = position;
    }

    /** The documents of these ids the index holds, by id, in one request. */
    public Map<String, D> find(String index, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            var response = client.mget(request -> request.index(index).ids(List.copyOf(ids)), type);
            var found = new HashMap<String, D>();
            for (var item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("cannot read " + what + " " + item.failure().id() + ": "
                            + item.failure().error().reason());
                }
                var source = item.result().source();
                if (item.result().found() && source != null) {
                    found.put(id.apply(source), source);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the documents in one bulk request, each versioned by its position; a document refused for anything
     * but an older version fails the whole call.
     *
     * @param versionType {@code External} where a position writes a document once, {@code ExternalGte} where
     *                    several documents may share a position
     */
    public void write(String index, Collection<D> documents, VersionType versionType) {
        if (documents.isEmpty()) {
            return;
        }
        var operations = documents.stream().map(document -> BulkOperation.of(operation -> operation
                .index(request -> request.index(index).id(id.apply(document))
                        .version(position.applyAsLong(document)).versionType(versionType).document(document))))
                .toList();
        try {
            var response = client.bulk(request -> request.operations(operations));
            if (!response.errors()) {
                return;
            }
            var failures = response.items().stream()
                    .filter(item -> item.error() != null && item.status() != VERSION_CONFLICT)
                    .map(item -> item.id() + ": " + Objects.requireNonNull(item.error()).reason()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Elasticsearch refused " + what + " documents " + failures);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
