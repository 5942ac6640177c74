package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The PSP simulator from its distribution, started and stopped as embedded mode does. */
@TestMethodOrder(OrderAnnotation.class)
class PspSimulatorProcessIT {

    @TempDir
    static Path workDir;

    private static PspSimulatorProcess psp;
    private static HttpClient http;

    @BeforeAll
    static void startSimulator() {
        var begin = System.nanoTime();
        psp = PspSimulatorProcess.start(workDir.resolve("psp-simulator"));
        System.out.printf("PSP simulator ready in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopSimulator() {
        psp.close();
        http.close();
    }

    @Test
    void authorizesAPaymentWithTheSuccessCard() throws Exception {
        var payment = authorize(UUID.randomUUID().toString(), token());

        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(payment.body(), "$.status")).isEqualTo("authorized");
        assertThat(JsonPath.<String>read(payment.body(), "$.id")).startsWith("pay_");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSamePaymentAndTheLedgerOneCharge() throws Exception {
        var key = UUID.randomUUID().toString();
        var token = token();

        var first = authorize(key, token);
        var retry = authorize(key, token);

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        List<String> charges = JsonPath.read(send("GET", "/v1/ledger", null, null).body(),
                "$.entries[?(@.idempotencyKey == '" + key + "')].type");
        assertThat(charges).containsExactly("authorization");
    }

    @Test
    void aProcessThatNeverReadsThePspAddressStartsNoSimulator() {
        // Judged by what new processes run, not by their ids: every server's guard starts a `sleep 1` each second,
        // and one started in the same half second failed a fresh-clone CI run.
        var before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();

        servers().run(context -> assertThat(context.getEnvironment().getPropertySources()
                .contains("embeddedPspSimulator")).isTrue());

        assertThat(ProcessHandle.current().descendants().filter(process -> !before.contains(process.pid()))
                .map(process -> process.info().commandLine().orElse("").toLowerCase(Locale.ROOT)))
                .as("processes started meanwhile").noneMatch(command -> command.contains("psp"));
    }

    @Test
    void aConfiguredPspWinsOverTheSimulator() {
        servers().withPropertyValues(RealServersAutoConfiguration.PSP_URL_PROPERTY + "=https://psp.example")
                .run(context -> assertThat(context.getEnvironment()
                        .getProperty(RealServersAutoConfiguration.PSP_URL_PROPERTY)).isEqualTo("https://psp.example"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closingLeavesNoProcessBehind() {
        var processes = ProcessHandle.current().descendants().toList();
        assertThat(processes).as("the simulator's processes").isNotEmpty();

        psp.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aKilledOwnerLeavesNoProcessBehind(@TempDir Path ownerDir) throws Exception {
        var simulatorDir = ownerDir.resolve("psp-simulator");
        var owner = ServerOwner.start("psp-simulator", simulatorDir, simulatorDir);
        var processes = owner.descendants().toList();
        assertThat(processes).as("the guard and the simulator").hasSizeGreaterThanOrEqualTo(2);

        owner.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }

    /**
     * Real-servers auto-configuration with only the PSP in reach: the other servers' Boot modules are hidden. Nothing
     * here reads the PSP's address from it, which would start a simulator for the whole JVM and upset the tests
     * that count this JVM's processes; command-side's payment tests read it.
     */
    private static ApplicationContextRunner servers() {
        return new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader(JdbcConnectionDetails.class, R2dbcConnectionDetails.class,
                        KafkaConnectionDetails.class, ElasticsearchConnectionDetails.class))
                .withConfiguration(AutoConfigurations.of(RealServersAutoConfiguration.class));
    }

    private static String token() throws Exception {
        var response = send("POST", "/v1/tokens", null, """
                {"number": "4242424242424242", "expMonth": 12, "expYear": %d, "cvc": "123"}"""
                .formatted(Year.now().getValue() + 2));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.token");
    }

    private static HttpResponse<String> authorize(String key, String token) throws Exception {
        return send("POST", "/v1/payments", key, """
                {"amount": 1250, "currency": "EUR", "token": "%s", "reference": "order-1"}""".formatted(token));
    }

    private static HttpResponse<String> send(String method, String path, @Nullable String key, @Nullable String body)
            throws Exception {
        var request = HttpRequest.newBuilder(psp.uri().resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
