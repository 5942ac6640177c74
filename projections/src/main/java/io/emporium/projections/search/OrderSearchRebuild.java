package io.emporium.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.projections.RefusedDocuments;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.IndexVersions;
import io.emporium.projections.rebuild.RebuildableReadModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the order index as a new index {@code orders-vN} beside the serving one, and swaps the alias
 * {@value OrderIndex#ALIAS} to it in one {@code _aliases} request. The history is folded in memory in position order
 * with the live projection's own rule ({@link OrderSearchProjection#apply}), then written in bulk into the new index
 * while it has no refreshes; refreshes come back before its live processor starts. The fold holds one document per
 * order in memory, a few hundred bytes each.
 */
@Component
class OrderSearchRebuild implements RebuildableReadModel {

    private final ElasticsearchClient client;
    private final RefusedDocuments refused;
    private final IndexVersions indexes;

    OrderSearchRebuild(ElasticsearchClient client, RefusedDocuments refused) {
        this.client = client;
        this.refused = refused;
        this.indexes = new IndexVersions(client, OrderIndex.ALIAS, "orderId");
    }

    @Override
    public String name() {
        return OrderSearchProjection.PROCESSOR;
    }

    @Override
    public Set<Class<?>> eventTypes() {
        return Set.of(OrderEvent.class.getPermittedSubclasses());
    }

    @Override
    public boolean buildsInAnyOrder() {
        return false;
    }

    @Override
    public void create(int version) {
        try {
            OrderIndex.create(client, OrderIndex.nameOf(version), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HistoryWriter writer(int version) {
        var index = new OrderIndex(client, OrderIndex.nameOf(version));
        var documents = new HashMap<String, OrderDocument>();
        return new HistoryWriter() {
            @Override
            public void write(HistoricEvent event) {
                var order = event.payload(OrderEvent.class);
                @Nullable OrderDocument after = OrderSearchProjection.apply(documents.get(order.orderId()),
                        new OrderSearchProjection.Step(order, event.position()));
                if (after != null) {
                    documents.put(order.orderId(), after);
                }
            }

            @Override
            public void close() {
                IndexVersions.writeInBulks(documents.values(), index::write);
            }
        };
    }

    @Override
    public void complete(int version) {
        indexes.makeSearchable(OrderIndex.nameOf(version));
    }

    @Override
    public List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType) {
        try {
            var documents = client.count(request -> request.index(OrderIndex.nameOf(version))).count();
            return List.of(Check.equal("orders: one document per OrderPlaced",
                    countsByType.getOrDefault(OrderPlaced.class.getName(), 0L), documents));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each document that neither version changed after P must be equal in both. */
    @Override
    public Check compare(int servingVersion, int version, long position) {
        return indexes.compare(OrderIndex.nameOf(servingVersion), OrderIndex.nameOf(version), position,
                OrderDocument.class, OrderDocument::orderId, "v" + servingVersion);
    }

    @Override
    public Object liveHandler(int version) {
        return new OrderSearchProjection(new OrderIndex(client, OrderIndex.nameOf(version)), refused);
    }

    @Override
    public void switchReaders(int servingVersion, int version) {
        indexes.switchTo(OrderIndex.nameOf(version));
    }

    /** The live projection writes through the alias, so it follows the switch by itself. */
    @Override
    public void retarget(int version) {
    }

    @Override
    public void drop(int version) {
        indexes.drop(OrderIndex.nameOf(version));
    }

    /** A search already routed to the retired index must not find it deleted. */
    @Override
    public boolean dropsSafelyAtOnce() {
        return false;
    }
}
