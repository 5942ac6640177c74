package io.emporium.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a server comes from. Decided once per JVM and per server: an endpoint in the environment wins, then a Docker
 * engine (Testcontainers), then a server this process starts itself.
 */
public enum ServerMode {
    /** The endpoint is given by the environment and used as it is. */
    EXTERNAL,
    /** Testcontainers starts the server; needs a Docker engine and Testcontainers on the classpath. */
    CONTAINERS,
    /** This JVM starts the real server from Maven Central artifacts and stops it on exit. */
    EMBEDDED;

    /** Forces one mode for every server without an endpoint: {@code -Demporium.servers=embedded} or the env var. */
    static final String OVERRIDE_PROPERTY = "emporium.servers";

    private static volatile Boolean dockerAnswers;

    /**
     * @param endpointVariable the environment variable that names this server's endpoint, e.g. SPRING_DATASOURCE_URL
     */
    public static ServerMode of(String endpointVariable) {
        return decide(System.getenv(), System.getProperty(OVERRIDE_PROPERTY), endpointVariable);
    }

    static ServerMode decide(Map<String, String> env, String overrideProperty, String endpointVariable) {
        if (!isBlank(env.get(endpointVariable))) {
            return EXTERNAL;
        }
        var override = !isBlank(overrideProperty) ? overrideProperty : env.get("EMPORIUM_SERVERS");
        if (!isBlank(override)) {
            return ServerMode.valueOf(override.trim().toUpperCase(Locale.ROOT));
        }
        return dockerAnswers() ? CONTAINERS : EMBEDDED;
    }

    private static boolean dockerAnswers() {
        var known = dockerAnswers;
        if (known == null) {
            known = testcontainersPresent() && dockerConfigured() && DockerProbe.answers();
            dockerAnswers = known;
        }
        return known;
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ServerMode.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /** Spares machines without any Docker engine Testcontainers' probe and its page of error logs. */
    private static boolean dockerConfigured() {
        return !isBlank(System.getenv("DOCKER_HOST")) || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Kept apart so that Testcontainers classes load only when they are on the classpath. */
    private static final class DockerProbe {
        static boolean answers() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError unavailable) {
                return false;
            }
        }
    }
}
