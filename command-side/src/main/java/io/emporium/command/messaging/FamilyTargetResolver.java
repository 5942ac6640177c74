package io.emporium.command.messaging;

import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes the commands of one message family to their aggregate by the family's own accessor (so contracts need no
 * framework annotations), with the version the client expects from its If-Match header, if any: Axon then refuses
 * the command when the aggregate has moved on.
 */
public final class FamilyTargetResolver<C> implements CommandTargetResolver {

    /** Metadata key of the aggregate version the client last saw. */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final Class<C> family;
    private final Function<C, String> aggregateId;

    public FamilyTargetResolver(Class<C> family, Function<C, String> aggregateId) {
        this.family = family;
        this.aggregateId = aggregateId;
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        var expected = command.getMetaData().get(EXPECTED_VERSION);
        return new VersionedAggregateIdentifier(aggregateId.apply(family.cast(command.getPayload())),
                expected == null ? null : ((Number) expected).longValue());
    }
}
