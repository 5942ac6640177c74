package io.emporium.servers;

import static io.emporium.servers.RealServersAutoConfiguration.ELASTICSEARCH_ENDPOINT;
import static io.emporium.servers.RealServersAutoConfiguration.KAFKA_ENDPOINT;
import static io.emporium.servers.RealServersAutoConfiguration.POSTGRES_ENDPOINT;
import static io.emporium.servers.RealServersAutoConfiguration.PSP_ENDPOINT;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Spring conditions on where one server comes from (see {@link ServerMode}). */
abstract class ServerModeIs implements Condition {

    private final ServerMode mode;
    private final String endpointVariable;

    ServerModeIs(ServerMode mode, String endpointVariable) {
        this.mode = mode;
        this.endpointVariable = endpointVariable;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return ServerMode.of(endpointVariable) == mode;
    }

    static final class EmbeddedPostgres extends ServerModeIs {
        EmbeddedPostgres() { super(ServerMode.EMBEDDED, POSTGRES_ENDPOINT); }
    }

    static final class EmbeddedKafka extends ServerModeIs {
        EmbeddedKafka() { super(ServerMode.EMBEDDED, KAFKA_ENDPOINT); }
    }

    static final class EmbeddedElasticsearch extends ServerModeIs {
        EmbeddedElasticsearch() { super(ServerMode.EMBEDDED, ELASTICSEARCH_ENDPOINT); }
    }

    /** The PSP simulator has no container image: without an endpoint, it is embedded whatever the mode. */
    static final class EmbeddedPspSimulator extends ServerModeIs {
        EmbeddedPspSimulator() { super(ServerMode.EMBEDDED, PSP_ENDPOINT); }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return ServerMode.of(PSP_ENDPOINT) != ServerMode.EXTERNAL;
        }
    }

    static final class ContainerPostgres extends ServerModeIs {
        ContainerPostgres() { super(ServerMode.CONTAINERS, POSTGRES_ENDPOINT); }
    }

    static final class ContainerKafka extends ServerModeIs {
        ContainerKafka() { super(ServerMode.CONTAINERS, KAFKA_ENDPOINT); }
    }

    static final class ContainerElasticsearch extends ServerModeIs {
        ContainerElasticsearch() { super(ServerMode.CONTAINERS, ELASTICSEARCH_ENDPOINT); }
    }
}
