package io.emporium.command.http;

import io.emporium.eventstore.Correlation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for it on the calling thread, so that its unit of work joins the caller's transaction.
 * Callers are never on an event-loop thread (see {@link io.emporium.command.idempotency.IdempotentRequests}).
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R sendAndWait(Object command) {
        var correlationId = Correlation.current();
        var metaData = correlationId == null ? MetaData.emptyInstance()
                : MetaData.with(Correlation.METADATA_KEY, correlationId);
        return gateway.sendAndWait(command, metaData);
    }
}
