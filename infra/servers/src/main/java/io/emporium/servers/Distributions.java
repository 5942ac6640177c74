package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build laid out the Elasticsearch, Kafka and PSP simulator distributions that embedded mode runs. */
record Distributions(Path elasticsearchHome, Path kafkaHome, Path pspSimulatorHome) {

    static Distributions fromBuild() {
        var properties = new Properties();
        try (var in = Distributions.class.getResourceAsStream("/emporium-servers.properties")) {
            if (in == null) {
                throw new IllegalStateException("emporium-servers.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var distributions = new Distributions(Path.of(properties.getProperty("elasticsearch.home")),
                Path.of(properties.getProperty("kafka.home")), Path.of(properties.getProperty("psp-simulator.home")));
        for (var home : new Path[] {distributions.elasticsearchHome, distributions.kafkaHome,
                distributions.pspSimulatorHome}) {
            if (!Files.isDirectory(home)) {
                throw new IllegalStateException(home + " does not exist: build infra/servers first (./emporium build)");
            }
        }
        return distributions;
    }
}
