package io.emporium.app.health;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Kafka is up when its cluster answers a describe-cluster request in time; Spring Boot has no Kafka check. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;

    KafkaHealthIndicator(KafkaConnectionDetails kafka) {
        this.admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                AdminClientConfig.CLIENT_ID_CONFIG, "emporium-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        return Mono.fromFuture(cluster.clusterId().toCompletionStage().toCompletableFuture())
                .zipWith(Mono.fromFuture(cluster.nodes().toCompletionStage().toCompletableFuture()))
                .map(idAndNodes -> builder.up().withDetail("clusterId", idAndNodes.getT1())
                        .withDetail("brokers", idAndNodes.getT2().size()).build());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
