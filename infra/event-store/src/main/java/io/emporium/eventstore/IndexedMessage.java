package io.emporium.eventstore;

import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * An event read from the store with its global index added to its metadata, lazily: Axon's {@code andMetaData}
 * deserializes the stored metadata and parses the timestamp at once, on the one thread that reads ahead for a
 * processor, for every event, even those the processor then ignores (a tenth of the engine's samples while the
 * processors caught up with a generated catalog). Here the stored metadata is read only when a handler asks.
 */
final class IndexedMessage<T> extends MessageDecorator<T> {

    private final long globalIndex;
    private transient volatile @Nullable MetaData metaData;

    IndexedMessage(Message<T> event, long globalIndex) {
        super(event);
        this.globalIndex = globalIndex;
    }

    @Override
    public MetaData getMetaData() {
        var known = metaData;
        if (known == null) {
            known = getDelegate().getMetaData().and(PrefetchingEventSource.GLOBAL_INDEX, globalIndex);
            metaData = known;
        }
        return known;
    }

    @Override
    public <S> SerializedObject<S> serializeMetaData(Serializer serializer, Class<S> expectedRepresentation) {
        return serializer.serialize(getMetaData(), expectedRepresentation);
    }

    @Override
    public Message<T> withMetaData(Map<String, ?> replacement) {
        return getDelegate().withMetaData(replacement);
    }

    @Override
    public Message<T> andMetaData(Map<String, ?> additional) {
        return new IndexedMessage<>(getDelegate().andMetaData(additional), globalIndex);
    }
}
