package io.emporium.servers;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node.Protocol;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * Points Spring Boot at real servers: each server whose endpoint is not in the environment comes from
 * Testcontainers (where a Docker engine answers) or is started by this JVM ({@link EmbeddedServers}). Only the
 * servers whose Spring Boot module is on the classpath are provided, so a module's tests start only what it uses;
 * the PSP simulator starts only once something reads {@value #PSP_URL_PROPERTY}.
 * Set {@code emporium.servers.enabled=false} to never start anything.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration"})
@ConditionalOnProperty(name = "emporium.servers.enabled", havingValue = "true", matchIfMissing = true)
public class RealServersAutoConfiguration {

    static final String POSTGRES_ENDPOINT = "SPRING_DATASOURCE_URL";
    static final String KAFKA_ENDPOINT = "SPRING_KAFKA_BOOTSTRAP_SERVERS";
    static final String ELASTICSEARCH_ENDPOINT = "SPRING_ELASTICSEARCH_URIS";
    static final String PSP_ENDPOINT = "EMPORIUM_PAYMENTS_PSP_URL";
    /** Where the command side's payment adapter finds its PSP; {@link #PSP_ENDPOINT} is its environment form. */
    static final String PSP_URL_PROPERTY = "emporium.payments.psp.url";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcConnectionDetails.class)
    @Conditional(ServerModeIs.EmbeddedPostgres.class)
    static class EmbeddedPostgresConnection {
        @Bean
        JdbcConnectionDetails embeddedPostgresJdbc() {
            var postgres = EmbeddedServers.get().postgres();
            return new JdbcConnectionDetails() {
                @Override public String getUsername() { return postgres.username(); }
                @Override public String getPassword() { return postgres.password(); }
                @Override public String getJdbcUrl() { return postgres.jdbcUrl(); }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({R2dbcConnectionDetails.class, ConnectionFactoryOptions.class})
    @Conditional(ServerModeIs.EmbeddedPostgres.class)
    static class EmbeddedPostgresR2dbcConnection {
        @Bean
        R2dbcConnectionDetails embeddedPostgresR2dbc() {
            var postgres = EmbeddedServers.get().postgres();
            var options = ConnectionFactoryOptions.builder()
                    .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                    .option(ConnectionFactoryOptions.HOST, postgres.host())
                    .option(ConnectionFactoryOptions.PORT, postgres.port())
                    .option(ConnectionFactoryOptions.DATABASE, postgres.database())
                    .option(ConnectionFactoryOptions.USER, postgres.username())
                    .option(ConnectionFactoryOptions.PASSWORD, postgres.password())
                    .build();
            return () -> options;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaConnectionDetails.class)
    @Conditional(ServerModeIs.EmbeddedKafka.class)
    static class EmbeddedKafkaConnection {
        @Bean
        KafkaConnectionDetails embeddedKafka() {
            var bootstrapServers = List.of(EmbeddedServers.get().kafkaBootstrapServers());
            return () -> bootstrapServers;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ElasticsearchConnectionDetails.class)
    @Conditional(ServerModeIs.EmbeddedElasticsearch.class)
    static class EmbeddedElasticsearchConnection {
        @Bean
        ElasticsearchConnectionDetails embeddedElasticsearch() {
            var uri = EmbeddedServers.get().elasticsearchUri();
            var nodes = List.of(new ElasticsearchConnectionDetails.Node(uri.getHost(), uri.getPort(),
                    Protocol.HTTP));
            return () -> nodes;
        }
    }

    /**
     * The PSP simulator for a process that names no PSP, in Docker mode too, since it has no image. Its address is a
     * property source of last resort: any configured value wins, and the simulator starts when the property is first
     * read, so a process that never takes a payment never starts it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ServerModeIs.EmbeddedPspSimulator.class)
    static class EmbeddedPspSimulatorUrl {
        @Bean
        static BeanFactoryPostProcessor embeddedPspSimulatorUrl(ConfigurableEnvironment environment) {
            return beanFactory -> environment.getPropertySources().addLast(new PropertySource<>("embeddedPspSimulator",
                    EmbeddedServers.get()) {
                @Override
                public @Nullable Object getProperty(String name) {
                    return PSP_URL_PROPERTY.equals(name) ? getSource().pspSimulatorUri().toString() : null;
                }
            });
        }
    }

    /** Where a Docker engine answers: the same servers as containers, connected by Boot's service connections. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.testcontainers.DockerClientFactory",
            "org.springframework.boot.testcontainers.service.connection.ServiceConnection"})
    static class Containers {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.testcontainers.postgresql.PostgreSQLContainer")
        @Conditional(ServerModeIs.ContainerPostgres.class)
        static class PostgresContainer {
            @Bean
            @ServiceConnection
            PostgreSQLContainer postgresContainer() {
                return new PostgreSQLContainer("postgres:17");
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.testcontainers.kafka.KafkaContainer")
        @Conditional(ServerModeIs.ContainerKafka.class)
        static class KafkaContainerConnection {
            @Bean
            @ServiceConnection
            KafkaContainer kafkaContainer() {
                return new KafkaContainer("apache/kafka-native:4.1.0");
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.testcontainers.elasticsearch.ElasticsearchContainer")
        @Conditional(ServerModeIs.ContainerElasticsearch.class)
        static class ElasticsearchContainerConnection {
            @Bean
            @ServiceConnection
            ElasticsearchContainer elasticsearchContainer() {
                return new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:9.5.3")
                        .withEnv("xpack.security.enabled", "false")
                        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
            }
        }
    }
}
