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
    private static final int TOO_MANY_REQUESTS = 429;
    /** Elasticsearch's reasons quote the refused value, which may be the very thing too long to index. */
    private static final int REASON_LENGTH = 500;

    /**
     * A document Elasticsearch refused for good: retrying the same document can only be refused again.
     *
     * @param position the global position of the event that produced the document
     */
    public record Refused(String id, long position, int status, String type, String reason) {}

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
     * Writes the documents in one bulk request, each versioned by its position. An item refused as an older version
     * is not written (the index holds this change or a newer one already). Items refused because Elasticsearch was
     * overloaded or failed (429, 5xx) fail the whole call, so the batch is retried; the documents it refused for any
     * other reason (a 4xx: a mapping it cannot apply, a term too long to index) are returned, every other document
     * of the request being written.
     *
     * @param versionType {@code External} where a position writes a document once, {@code ExternalGte} where
     *                    several documents may share a position
     */
    public List<Refused> write(String index, Collection<D> documents, VersionType versionType) {
        if (documents.isEmpty()) {
            return List.of();
        }
        var operations = documents.stream().map(document -> BulkOperation.of(operation -> operation
                .index(request -> request.index(index).id(id.apply(document))
                        .version(position.applyAsLong(document)).versionType(versionType).document(document))))
                .toList();
        try {
            var response = client.bulk(request -> request.operations(operations));
            if (!response.errors()) {
                return List.of();
            }
            var failed = response.items().stream()
                    .filter(item -> item.error() != null && item.status() != VERSION_CONFLICT).toList();
            var transientFailures = failed.stream()
                    .filter(item -> item.status() == TOO_MANY_REQUESTS || item.status() >= 500)
                    .map(item -> item.id() + ": " + Objects.requireNonNull(item.error()).reason()).toList();
            if (!transientFailures.isEmpty()) {
                throw new IllegalStateException("Elasticsearch could not take " + what + " documents now "
                        + transientFailures);
            }
            var byId = new HashMap<String, D>();
            documents.forEach(document -> byId.put(id.apply(document), document));
            return failed.stream().map(item -> {
                var error = Objects.requireNonNull(item.error());
                var documentId = Objects.requireNonNull(item.id());
                var document = Objects.requireNonNull(byId.get(documentId));
                return new Refused(documentId, position.applyAsLong(document), item.status(), error.type(),
                        shortened(Objects.requireNonNullElse(error.reason(), error.type())));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortened(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }
}
