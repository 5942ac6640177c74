package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The real Elasticsearch distribution with our plugin, started and stopped as embedded mode does. */
@TestMethodOrder(OrderAnnotation.class)
class ElasticsearchProcessIT {

    @TempDir
    static Path workDir;

    private static ElasticsearchProcess elasticsearch;
    private static HttpClient http;

    @BeforeAll
    static void startElasticsearch() {
        var begin = System.nanoTime();
        elasticsearch = ElasticsearchProcess.start(Distributions.fromBuild().elasticsearchHome(),
                workDir.resolve("elasticsearch"));
        System.out.printf("Elasticsearch ready in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopElasticsearch() {
        elasticsearch.close();
        http.close();
    }

    @Test
    void answersTheRootLikeAFullNodeSoClientsCanIdentifyAndPingIt() throws Exception {
        var root = send("GET", "/", null);
        var head = send("HEAD", "/", null);

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("X-elastic-product")).hasValue("Elasticsearch");
        String number = JsonPath.read(root.body(), "$.version.number");
        String tagline = JsonPath.read(root.body(), "$.tagline");
        String clusterUuid = JsonPath.read(root.body(), "$.cluster_uuid");
        assertThat(number).isEqualTo("9.5.3");
        assertThat(tagline).isEqualTo("You Know, for Search");
        assertThat(clusterUuid).isNotBlank();
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void foldsAccentsAndIndexesPrefixesWithTheRestoredFilters() throws Exception {
        var created = send("PUT", "/products", """
                {"settings": {"analysis": {
                  "filter": {"prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 10}},
                  "analyzer": {"autocomplete": {
                    "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "prefixes"]}}}}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        assertThat(tokens("/products/_analyze", """
                {"analyzer": "autocomplete", "text": "Crème"}
                """)).containsExactly("c", "cr", "cre", "crem", "creme");
    }

    @Test
    void expandsSynonymsAndStemsWithTheRestoredFilters() throws Exception {
        var created = send("PUT", "/articles", """
                {"settings": {"analysis": {
                  "filter": {
                    "synonyms": {"type": "synonym_graph", "synonyms": ["mug, cup"]},
                    "english": {"type": "stemmer", "language": "english"}},
                  "analyzer": {"search": {
                    "tokenizer": "whitespace", "filter": ["lowercase", "synonyms", "english"]}}}}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        assertThat(tokens("/articles/_analyze", """
                {"analyzer": "search", "text": "Mug ponies"}
                """)).containsExactlyInAnyOrder("cup", "mug", "poni");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closingLeavesNoProcessBehind() {
        var processes = ProcessHandle.current().descendants().toList();
        assertThat(processes).as("the server's processes").isNotEmpty();

        elasticsearch.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aKilledOwnerLeavesNoProcessBehind(@TempDir Path ownerDir) throws Exception {
        var owner = ServerOwner.start("elasticsearch", Distributions.fromBuild().elasticsearchHome(),
                ownerDir.resolve("elasticsearch"));
        var processes = owner.descendants().toList();
        assertThat(processes).as("the server's processes").hasSizeGreaterThanOrEqualTo(3);

        owner.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }

    private static List<String> tokens(String path, String body) throws Exception {
        var response = send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.tokens[*].token");
    }

    private static HttpResponse<String> send(String method, String path, @Nullable String body) throws Exception {
        var request = HttpRequest.newBuilder(elasticsearch.uri().resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
