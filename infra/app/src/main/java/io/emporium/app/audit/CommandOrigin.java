package io.emporium.app.audit;

import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;

/**
 * Adds to every event a command causes the command's name ({@value #COMMAND}) and who sent it ({@value #ACTOR}), so
 * that an auditor reads both from the event table alone; Axon records only the command's message id as causation
 * and commands themselves are not stored.
 *
 * <p>No caller is authenticated yet, so the actor says where the command came from: {@code client} (over the HTTP
 * API; the correlation id names the request), {@code process} (sent while the engine handled another event, for
 * example by the checkout process; the command's own causation names that event) or {@code timer} (sent by the
 * engine on its own, for example when a payment deadline passes). An {@value #ACTOR} the sender put on the command
 * is kept as it is.
 */
class CommandOrigin implements CorrelationDataProvider {

    static final String COMMAND = "command";
    static final String ACTOR = "actor";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?> command)) {
            return Map.of();
        }
        var metaData = command.getMetaData();
        var actor = metaData.get(ACTOR);
        if (actor == null) {
            actor = metaData.containsKey(MessageOriginProvider.getDefaultCorrelationKey()) ? "process"
                    : metaData.containsKey(MessageOriginProvider.getDefaultTraceKey()) ? "client" : "timer";
        }
        return Map.of(COMMAND, command.getPayloadType().getSimpleName(), ACTOR, actor);
    }
}
