package io.emporium.projections.rebuild;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.emporium.projections.rebuild.RebuildableReadModel.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every read model kept in Elasticsearch does alike when it is rebuilt: one index per version behind one alias,
 * documents that carry the position of their last event, a new index filled without refreshes.
 *
 * @param alias   the name readers use
 * @param idField the document field that names it, also its sort key when documents are compared
 */
public record IndexVersions(ElasticsearchClient client, String alias, String idField) {

    private static final int SCAN_PAGE = 5_000;
    private static final int BULK_SIZE = 2_000;
    /** Elasticsearch's default, which serving indexes have too. */
    private static final String REFRESH_INTERVAL = "1s";

    /** Documents a rebuild folded in memory, written in bulk requests of {@value #BULK_SIZE}. */
    public static <D> void writeInBulks(Collection<D> documents, Consumer<List<D>> write) {
        var batch = new ArrayList<D>(BULK_SIZE);
        for (var document : documents) {
            batch.add(document);
            if (batch.size() == BULK_SIZE) {
                write.accept(batch);
                batch.clear();
            }
        }
        write.accept(batch);
    }

    /** Gives a filled index its refreshes back and makes everything written visible. */
    public void makeSearchable(String index) {
        try {
            client.indices().putSettings(request -> request.index(index)
                    .settings(settings -> settings.refreshInterval(interval -> interval.time(REFRESH_INTERVAL))));
            client.indices().refresh(request -> request.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each document that neither index changed after the position must be equal in both. Both are refreshed first:
     * a document written below the position within the last refresh interval would not be searchable yet.
     */
    public <D> Check compare(String serving, String built, long position, Class<D> type, Function<D, String> idOf,
                             String servingName) {
        try {
            client.indices().refresh(request -> request.index(serving, built).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var old = hashes(serving, position, type, idOf);
        var rebuilt = hashes(built, position, type, idOf);
        var compared = 0;
        var differing = 0;
        for (var entry : old.entrySet()) {
            var other = rebuilt.get(entry.getKey());
            if (other != null) {
                compared++;
                if (!other.equals(entry.getValue())) {
                    differing++;
                }
            }
        }
        return new Check("same documents as " + servingName + " up to position " + position,
                compared + " equal documents", (compared - differing) + " equal, " + differing + " differing",
                differing == 0);
    }

    /**
     * A hash of every document at or below the position, by id, read in pages in id order; none for an index that
     * was never created (a live projection creates its first index on its first document).
     */
    private <D> Map<String, Integer> hashes(String index, long position, Class<D> type, Function<D, String> idOf) {
        var hashes = new HashMap<String, Integer>();
        try {
            if (!client.indices().exists(request -> request.index(index)).value()) {
                return hashes;
            }
            List<FieldValue> after = List.of();
            while (true) {
                var from = after;
                var page = client.search(request -> {
                    request.index(index).size(SCAN_PAGE)
                            .query(query -> query.range(range -> range.number(number -> number.field("position")
                                    .lte((double) position))))
                            .sort(sort -> sort.field(field -> field.field(idField).order(SortOrder.Asc)));
                    return from.isEmpty() ? request : request.searchAfter(from);
                }, type).hits().hits();
                for (var hit : page) {
                    var document = Objects.requireNonNull(hit.source());
                    hashes.put(idOf.apply(document), document.hashCode());
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

    /**
     * One {@code _aliases} request: searches see either the old index or the new one, never both or neither. Inside
     * a transaction (the one that records the switch), a rollback swaps the alias back, so the index that serves
     * stays the one the database says serves.
     */
    public void switchTo(String index) {
        var previous = swap(Set.of(index));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        swap(previous);
                    }
                }
            });
        }
    }

    /** Points the alias at exactly these indexes; returns the ones it pointed at before. */
    private Set<String> swap(Set<String> indexes) {
        try {
            var current = client.indices().existsAlias(request -> request.name(alias)).value()
                    ? Set.copyOf(client.indices().getAlias(request -> request.name(alias)).aliases().keySet())
                    : Set.<String>of();
            client.indices().updateAliases(request -> {
                current.forEach(old -> request.actions(action -> action.remove(remove -> remove.index(old)
                        .alias(alias))));
                indexes.forEach(index -> request.actions(action -> action.add(add -> add.index(index).alias(alias))));
                return request;
            });
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a version's index, unless readers still reach it through the alias; nothing if it is gone. */
    public void drop(String index) {
        try {
            var behindAlias = client.indices().existsAlias(request -> request.name(alias).index(index)).value();
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
}
