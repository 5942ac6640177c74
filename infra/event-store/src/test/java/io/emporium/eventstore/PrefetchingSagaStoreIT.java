package io.emporium.eventstore;

import static io.emporium.eventstore.UnitsOfWork.inUnitOfWork;
import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.servers.EmbeddedServers;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The saga store on a real PostgreSQL with the engine's schema: what it finds, it loads, and only once. */
class PrefetchingSagaStoreIT {

    /** A process's state, as the store keeps it. */
    public record Progress(String orderId, int step) {}

    private static final SagaSchema SCHEMA = SagaSchema.builder()
            .sagaEntryTable("saga_entry").sagaIdColumn("saga_id").revisionColumn("revision")
            .sagaTypeColumn("saga_type").serializedSagaColumn("serialized_saga")
            .associationValueEntryTable("association_value_entry").associationKeyColumn("association_key")
            .associationValueColumn("association_value").build();

    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static PrefetchingSagaStore store;

    @BeforeAll
    static void realDatabase() {
        var postgres = EmbeddedServers.get().postgres();
        dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        var connections = new UnitOfWorkAwareConnectionProviderWrapper(new DataSourceConnectionProvider(dataSource));
        var serializer = JacksonSerializer.defaultSerializer();
        var jdbcStore = JdbcSagaStore.builder().connectionProvider(connections).serializer(serializer)
                .sqlSchema(new PostgresSagaSqlSchema(SCHEMA)).build();
        store = new PrefetchingSagaStore(jdbcStore, connections, serializer, SCHEMA);
    }

    @Test
    void aSagaFoundByOneOfItsAssociationsIsLoadedWithAllOfThemFromThatOneRead() {
        var order = UUID.randomUUID().toString();
        var id = started(order, new Progress(order, 2));

        var loaded = inUnitOfWork(() -> {
            assertThat(store.findSagas(Progress.class, new AssociationValue("orderId", order))).containsExactly(id);
            // Gone from the table after the lookup: only what the lookup read can still load it.
            jdbc.update("delete from saga_entry where saga_id = ?", id);
            return store.loadSaga(Progress.class, id);
        });

        assertThat(loaded).isNotNull();
        assertThat(loaded.saga()).isEqualTo(new Progress(order, 2));
        assertThat(loaded.associationValues()).containsExactlyInAnyOrder(new AssociationValue("orderId", order),
                new AssociationValue("reservationId", "r-" + order));
    }

    @Test
    void aNewSagaIsFoundByEachOfItsAssociations() {
        var order = UUID.randomUUID().toString();
        var id = started(order, new Progress(order, 0));

        inUnitOfWork(() -> {
            assertThat(store.findSagas(Progress.class, new AssociationValue("reservationId", "r-" + order)))
                    .containsExactly(id);
            assertThat(store.findSagas(Progress.class, new AssociationValue("orderId", order))).containsExactly(id);
            return null;
        });
        assertThat(jdbc.queryForObject("select count(*) from association_value_entry where saga_id = ?",
                Integer.class, id)).isEqualTo(2);
    }

    @Test
    void aSagaNotFoundFirstIsLoadedFromTheTable() {
        var order = UUID.randomUUID().toString();
        var id = started(order, new Progress(order, 1));

        var loaded = inUnitOfWork(() -> store.loadSaga(Progress.class, id));

        assertThat(loaded).isNotNull();
        assertThat(loaded.saga()).isEqualTo(new Progress(order, 1));
        assertThat(loaded.associationValues()).hasSize(2);
    }

    @Test
    void aSagaUpdatedAfterItWasFoundIsLoadedAsUpdated() {
        var order = UUID.randomUUID().toString();
        var id = started(order, new Progress(order, 1));

        var loaded = inUnitOfWork(() -> {
            store.findSagas(Progress.class, new AssociationValue("orderId", order));
            store.updateSaga(Progress.class, id, new Progress(order, 3), new AssociationValuesImpl(Set.of()));
            return store.loadSaga(Progress.class, id);
        });

        assertThat(loaded).isNotNull();
        assertThat(loaded.saga()).isEqualTo(new Progress(order, 3));
    }

    @Test
    void anAssociationWhoseSagaIsGoneIsFoundButLoadsNothing() {
        var order = UUID.randomUUID().toString();
        var id = started(order, new Progress(order, 1));
        jdbc.update("delete from saga_entry where saga_id = ?", id);

        inUnitOfWork(() -> {
            assertThat(store.findSagas(Progress.class, new AssociationValue("orderId", order))).containsExactly(id);
            assertThat(store.loadSaga(Progress.class, id)).isNull();
            return null;
        });
    }

    @Test
    void aValueNoSagaIsAssociatedWithFindsNone() {
        inUnitOfWork(() -> {
            assertThat(store.findSagas(Progress.class, new AssociationValue("orderId", "no-such-order"))).isEmpty();
            return null;
        });
    }

    private static String started(String order, Progress progress) {
        var id = UUID.randomUUID().toString();
        inUnitOfWork(() -> {
            store.insertSaga(Progress.class, id, progress, Set.of(new AssociationValue("orderId", order),
                    new AssociationValue("reservationId", "r-" + order)));
            return null;
        });
        return id;
    }
}
