package io.emporium.eventstore;

import java.sql.Array;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.SagaStorageException;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jspecify.annotations.Nullable;

/**
 * Axon's JDBC saga store, with the lookup of a saga and its loading in one query. Axon's saga repository asks its
 * store for the ids of the sagas associated with a value, then loads each by id, then its associations: three
 * statements, each a round trip to PostgreSQL, before a step of the checkout process can start. This store reads the
 * sagas and their associations with their ids and hands them to the loads that follow in the same unit of work, where
 * nothing else can have changed them (the segment's unit of work is the transaction, and one segment owns an
 * order's process). A new saga is written with its associations in one statement too. Whatever else a saga store
 * does is {@link JdbcSagaStore}'s.
 */
public final class PrefetchingSagaStore implements SagaStore<Object> {

    private final JdbcSagaStore store;
    private final ConnectionProvider connections;
    private final Serializer serializer;
    private final String findAndLoad;
    private final String insert;
    /** The unit-of-work resource holding the sagas found and not yet loaded, by id; one per store. */
    private final String prefetchedKey = PrefetchingSagaStore.class.getName() + "@" + System.identityHashCode(this);

    public PrefetchingSagaStore(JdbcSagaStore store, ConnectionProvider connections, Serializer serializer,
                                SagaSchema schema) {
        this.store = store;
        this.connections = connections;
        this.serializer = serializer;
        // A left join, as Axon's lookup answers from the associations alone: an id whose saga is gone is still
        // found, and then not loaded.
        this.findAndLoad = """
                select a.%1$s, s.%2$s, s.%3$s, s.%4$s,
                       array(select v.%5$s from %6$s v where v.%1$s = a.%1$s and v.%3$s = a.%3$s order by v.id),
                       array(select v.%7$s from %6$s v where v.%1$s = a.%1$s and v.%3$s = a.%3$s order by v.id)
                from %6$s a left join %8$s s on s.%1$s = a.%1$s
                where a.%3$s = ? and a.%5$s = ? and a.%7$s = ?"""
                .formatted(schema.sagaIdColumn(), schema.serializedSagaColumn(), schema.sagaTypeColumn(),
                        schema.revisionColumn(), schema.associationKeyColumn(), schema.associationValueEntryTable(),
                        schema.associationValueColumn(), schema.sagaEntryTable());
        // The saga and its associations in one statement: Axon's store sends one for the saga and one per association.
        this.insert = """
                with saga as (insert into %1$s (%2$s, %3$s, %4$s, %5$s) values (?, ?, ?, ?))
                insert into %6$s (%7$s, %8$s, %4$s, %2$s)
                select association.key, association.value, ?, ?
                  from unnest(?::varchar[], ?::varchar[]) as association(key, value)"""
                .formatted(schema.sagaEntryTable(), schema.sagaIdColumn(), schema.revisionColumn(),
                        schema.sagaTypeColumn(), schema.serializedSagaColumn(), schema.associationValueEntryTable(),
                        schema.associationKeyColumn(), schema.associationValueColumn());
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        var found = new TreeSet<String>();
        var loaded = new HashMap<String, Entry<?>>();
        try (var connection = connections.getConnection();
             var statement = connection.prepareStatement(findAndLoad)) {
            statement.setString(1, serializer.typeForClass(sagaType).getName());
            statement.setString(2, associationValue.getKey());
            statement.setString(3, associationValue.getValue());
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    var id = rows.getString(1);
                    found.add(id);
                    var serialized = rows.getBytes(2);
                    if (serialized != null) {
                        var saga = serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class,
                                rows.getString(3), rows.getString(4)));
                        loaded.put(id, new Found(associations(rows.getArray(5), rows.getArray(6)), saga));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SagaStorageException("Exception while finding and loading sagas", e);
        }
        if (CurrentUnitOfWork.isStarted() && !loaded.isEmpty()) {
            CurrentUnitOfWork.get().root().<Map<String, Entry<?>>>getOrComputeResource(prefetchedKey,
                    key -> new HashMap<>()).putAll(loaded);
        }
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> @Nullable Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        var entry = takePrefetched(sagaIdentifier);
        if (entry != null && sagaType.isInstance(entry.saga())) {
            return (Entry<S>) entry;
        }
        return store.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        takePrefetched(sagaIdentifier);
        store.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        var serialized = serializer.serialize(saga, byte[].class);
        var keys = associationValues.stream().map(AssociationValue::getKey).toArray(String[]::new);
        var values = associationValues.stream().map(AssociationValue::getValue).toArray(String[]::new);
        try (var connection = connections.getConnection();
             var statement = connection.prepareStatement(insert)) {
            statement.setString(1, sagaIdentifier);
            statement.setString(2, serialized.getType().getRevision());
            statement.setString(3, serialized.getType().getName());
            statement.setBytes(4, serialized.getData());
            statement.setString(5, serializer.typeForClass(sagaType).getName());
            statement.setString(6, sagaIdentifier);
            statement.setArray(7, connection.createArrayOf("varchar", keys));
            statement.setArray(8, connection.createArrayOf("varchar", values));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new SagaStorageException("Exception occurred while attempting to store a Saga Entry", e);
        }
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        takePrefetched(sagaIdentifier);
        store.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    /**
     * Removes and returns what this unit of work's lookups read of a saga: a saga is loaded from it once, and a saga
     * written in the unit of work is loaded again from the table, not from what was read before.
     */
    private @Nullable Entry<?> takePrefetched(String sagaIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, Entry<?>> prefetched = CurrentUnitOfWork.get().root().getResource(prefetchedKey);
        return prefetched == null ? null : prefetched.remove(sagaIdentifier);
    }

    private static Set<AssociationValue> associations(Array keys, Array values) throws SQLException {
        var keyArray = (String[]) keys.getArray();
        var valueArray = (String[]) values.getArray();
        var associations = new HashSet<AssociationValue>();
        for (var i = 0; i < keyArray.length; i++) {
            associations.add(new AssociationValue(keyArray[i], valueArray[i]));
        }
        return associations;
    }

    private record Found(Set<AssociationValue> associationValues, Object saga) implements Entry<Object> {}
}
