package io.emporium.projections.analytics;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.ReadModelVersions;
import io.emporium.projections.rebuild.RebuildableReadModel;
import io.emporium.projections.rebuild.TableVersions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the analytics tables as {@code analytics_…_vN} beside the serving version; readers use views of the plain
 * names, which the switch points at the new tables in one transaction.
 *
 * <p>Analytics fold counts in event order (a sale is taken back from the hour its order was confirmed in), so the
 * history is read in one ordered pass and applied by the live projection's own code, on one connection, committed
 * every {@value #COMMIT_EVERY} events: the rebuilt tables are what the projection would have written, by
 * construction, rather than by a second implementation of the same rules.
 */
@Component
class AnalyticsRebuild implements RebuildableReadModel {

    private static final int COMMIT_EVERY = 2_000;
    /** The tables of carts and orders, each row with the position of its last event: compared between versions. */
    private static final List<String> ENTITIES = List.of("analytics_cart", "analytics_order");

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final AnalyticsTables serving;
    private final TableVersions tables;

    AnalyticsRebuild(JdbcTemplate jdbc, AnalyticsTables serving) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource());
        this.serving = serving;
        this.tables = new TableVersions(jdbc, AnalyticsTables.TABLES, List.of(), null);
    }

    @Override
    public String name() {
        return AnalyticsProjection.PROCESSOR;
    }

    @Override
    public Set<Class<?>> eventTypes() {
        return Stream.of(CartEvent.class, OrderEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses())).collect(Collectors.toSet());
    }

    @Override
    public boolean buildsInAnyOrder() {
        return false;
    }

    /** Each table like the serving version's: columns, keys, defaults and indexes; the lines' foreign keys too. */
    @Override
    public void create(int version) {
        var servingVersion = new ReadModelVersions(jdbc).serving(name());
        var ddl = new StringBuilder();
        for (var table : AnalyticsTables.TABLES) {
            ddl.append("create table %1$s_v%2$d (like %1$s_v%3$d including all);\n"
                    .formatted(table, version, servingVersion));
        }
        ddl.append("""
                alter table analytics_cart_line_v%1$d add foreign key (cart_id)
                    references analytics_cart_v%1$d (cart_id) on delete cascade;
                alter table analytics_order_line_v%1$d add foreign key (order_id)
                    references analytics_order_v%1$d (order_id) on delete cascade;
                """.formatted(version));
        jdbc.execute(ddl.toString());
    }

    @Override
    public HistoryWriter writer(int version) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to rebuild the analytics tables", e);
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("no transaction to rebuild the analytics tables", e);
        }
        var projection = new AnalyticsProjection(new AnalyticsTables(
                new JdbcTemplate(new SingleConnectionDataSource(connection, true)), version));
        return new HistoryWriter() {
            private int uncommitted;

            @Override
            public void write(HistoricEvent event) {
                var token = new GlobalSequenceTrackingToken(event.position());
                var at = Instant.parse(event.timestamp());
                switch (event.payload(Object.class)) {
                    case CartEvent cart -> projection.on(cart, token, event.position(), at);
                    case OrderEvent order -> projection.on(order, token, event.position(), at);
                    default -> throw new IllegalArgumentException("not a cart or order event: " + event.type());
                }
                if (++uncommitted == COMMIT_EVERY) {
                    commit();
                }
            }

            private void commit() {
                try {
                    connection.commit();
                    uncommitted = 0;
                } catch (SQLException e) {
                    throw new IllegalStateException("committing rebuilt analytics failed", e);
                }
            }

            @Override
            public void close() {
                try {
                    commit();
                } finally {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // the rows are committed; a connection that fails to close is the pool's to replace
                    }
                }
            }
        };
    }

    @Override
    public void complete(int version) {
        jdbc.execute(AnalyticsTables.TABLES.stream().map(table -> "analyze %s_v%d;".formatted(table, version))
                .collect(Collectors.joining("\n")));
    }

    @Override
    public List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType) {
        return List.of(
                Check.equal("carts: one row per CartCreated",
                        countsByType.getOrDefault(CartCreated.class.getName(), 0L),
                        count("analytics_cart_v" + version)),
                Check.equal("orders: one row per OrderPlaced",
                        countsByType.getOrDefault(OrderPlaced.class.getName(), 0L),
                        count("analytics_order_v" + version)));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /**
     * A checksum (sum of row hashes) over the carts and orders that neither version has changed after P. The sums per
     * hour, day and funnel step are not compared: both versions keep adding to them while the comparison runs.
     */
    @Override
    public Check compare(int servingVersion, int version, long position) {
        var expected = new StringBuilder("v" + servingVersion + ":");
        var actual = new StringBuilder("v" + version + ":");
        var passed = true;
        for (var table : ENTITIES) {
            var sums = jdbc.queryForMap("""
                    select count(*) as compared, coalesce(sum(hashtextextended(o::text, 0)), 0) as old_sum,
                           coalesce(sum(hashtextextended(n::text, 0)), 0) as new_sum
                      from %1$s_v%2$d o join %1$s_v%3$d n using (%4$s)
                     where o.position <= ? and n.position <= ?
                    """.formatted(table, servingVersion, version, table.substring("analytics_".length()) + "_id"),
                    position, position);
            expected.append(" %s %s rows, checksum %s;".formatted(table, sums.get("compared"), sums.get("old_sum")));
            actual.append(" %s %s rows, checksum %s;".formatted(table, sums.get("compared"), sums.get("new_sum")));
            passed &= sums.get("old_sum").equals(sums.get("new_sum"));
        }
        return new Check("same carts and orders as v" + servingVersion + " up to position " + position,
                expected.toString(), actual.toString(), passed);
    }

    @Override
    public Object liveHandler(int version) {
        return new AnalyticsProjection(new AnalyticsTables(jdbc, version));
    }

    @Override
    public void switchReaders(int servingVersion, int version) {
        tables.switchTo(version);
    }

    @Override
    public void retarget(int version) {
        serving.retarget(version);
    }

    @Override
    public void drop(int version) {
        tables.drop(version);
    }
}
