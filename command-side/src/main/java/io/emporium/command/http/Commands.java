package io.emporium.command.http;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.eventstore.Correlation;
import java.util.HashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for it on the calling thread, so that its unit of work nests in the caller's (see
 * {@link io.emporium.command.idempotency.IdempotentRequests}). Callers are never on an event-loop thread.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> @Nullable R sendAndWait(Object command) {
        return sendAndWait(command, null);
    }

    /** @param expectedVersion the aggregate version the client last saw (If-Match), or null for any */
    public <R> @Nullable R sendAndWait(Object command, @Nullable Long expectedVersion) {
        var metaData = new HashMap<String, Object>();
        var correlationId = Correlation.current();
        if (correlationId != null) {
            metaData.put(Correlation.METADATA_KEY, correlationId);
        }
        if (expectedVersion != null) {
            metaData.put(FamilyTargetResolver.EXPECTED_VERSION, expectedVersion);
        }
        return gateway.sendAndWait(command, MetaData.from(metaData));
    }
}
