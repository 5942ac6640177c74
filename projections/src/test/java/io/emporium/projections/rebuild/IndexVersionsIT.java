package io.emporium.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.emporium.projections.RealDatabase;
import io.emporium.servers.EmbeddedServers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What every Elasticsearch rebuild relies on, on a real Elasticsearch: comparing, switching, switching back. */
class IndexVersionsIT {

    /** A document as the rebuilt indexes hold them: an id and the position of its last event. */
    record Doc(String orderId, long position) {}

    private static ElasticsearchClient elasticsearch;

    private final String alias = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    private final IndexVersions versions = new IndexVersions(elasticsearch, alias, "orderId");
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void realElasticsearch() {
        elasticsearch = ElasticsearchClient.of(client -> client.host(EmbeddedServers.get().elasticsearchUri())
                .jsonMapper(new Jackson3JsonpMapper()));
    }

    private String index(int version, String... orderIds) throws IOException {
        var name = alias + "-v" + version;
        created.add(name);
        elasticsearch.indices().create(request -> request.index(name)
                .mappings(mapping -> mapping.properties("orderId", p -> p.keyword(k -> k))
                        .properties("position", p -> p.long_(l -> l))));
        for (var orderId : orderIds) {
            elasticsearch.index(request -> request.index(name).id(orderId).document(new Doc(orderId, 1)));
        }
        return name;
    }

    private Set<String> behindAlias() throws IOException {
        return elasticsearch.indices().getAlias(request -> request.name(alias)).aliases().keySet();
    }

    @AfterEach
    void deleteIndexes() throws IOException {
        elasticsearch.indices().delete(request -> request.index(created));
    }

    @Test
    void aRebuildOfAnIndexNeverCreatedComparesNothingAndGetsTheAlias() throws IOException {
        var built = index(2, "o-1", "o-2");

        var check = versions.compare(alias + "-v1", built, 10, Doc.class, Doc::orderId, "v1");
        versions.switchTo(built);

        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(check.expected()).isEqualTo("0 equal documents");
        assertThat(behindAlias()).containsExactly(built);
    }

    @Test
    void documentsThatDifferFailTheComparisonEvenJustWritten() throws IOException {
        var serving = index(1, "o-1");
        var built = index(2, "o-1");
        elasticsearch.index(request -> request.index(built).id("o-1").document(new Doc("o-1", 0)));

        var check = versions.compare(serving, built, 10, Doc.class, Doc::orderId, "v1");

        assertThat(check.passed()).as(check.toString()).isFalse();
        assertThat(check.actual()).isEqualTo("0 equal, 1 differing");
    }

    @Test
    void aSwitchWhoseTransactionRollsBackLeavesTheAliasWhereItWas() throws IOException {
        var serving = index(1, "o-1");
        var built = index(2, "o-1");
        versions.switchTo(serving);
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(RealDatabase.migrated().getDataSource())));

        transactions.executeWithoutResult(status -> {
            versions.switchTo(built);
            status.setRollbackOnly();
        });

        assertThat(behindAlias()).containsExactly(serving);
    }
}
