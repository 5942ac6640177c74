package io.emporium.app;

import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says, once ready, what this process serves and which servers it talks to. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private static final String[] ROLES = {"command", "checkout", "projections", "query"};

    private final Environment environment;
    private final ObjectProvider<JdbcConnectionDetails> postgres;
    private final ObjectProvider<KafkaConnectionDetails> kafka;
    private final ObjectProvider<ElasticsearchConnectionDetails> elasticsearch;

    StartupReport(Environment environment, ObjectProvider<JdbcConnectionDetails> postgres,
                  ObjectProvider<KafkaConnectionDetails> kafka,
                  ObjectProvider<ElasticsearchConnectionDetails> elasticsearch) {
        this.environment = environment;
        this.postgres = postgres;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        var roles = new ArrayList<String>();
        for (var role : ROLES) {
            if (environment.getProperty("emporium.roles." + role + ".enabled", Boolean.class, true)) {
                roles.add(role);
            }
        }
        var port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        log.info("Emporium ready on http://localhost:{} with roles {}", port, roles);
        var jdbcUrl = postgres.getIfAvailable() != null ? postgres.getObject().getJdbcUrl()
                : environment.getProperty("spring.datasource.url");
        log.info("  PostgreSQL    {}", jdbcUrl);
        kafka.ifAvailable(details -> log.info("  Kafka         {}", details.getBootstrapServers()));
        elasticsearch.ifAvailable(details -> log.info("  Elasticsearch {}", details.getNodes().stream()
                .map(node -> node.hostname() + ":" + node.port()).toList()));
    }
}
