package io.emporium.projections.order;

import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.projections.Futures;
import io.emporium.projections.rebuild.CopyRows;
import io.emporium.projections.rebuild.FrozenCopy;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.RebuildableReadModel;
import io.emporium.projections.rebuild.TableVersions;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the order views as tables order_view_vN and order_status_change_vN beside the serving version; readers
 * use views order_view and order_status_change, which the switch points at the new tables in one transaction.
 *
 * <p>The build is independent of event order, so parts of the history are written in parallel, all through one
 * {@link FrozenCopy} per table (rows written frozen, so that the new version's first readers and autovacuum need not
 * write or read it all again): every order event after a placement becomes a status-change row, and the placement
 * is its order's row (migration V19). A placement waits in a window of the part's most recent placements, where
 * the order's later events set its status, and is written as an order row once it leaves the window. A change to
 * an order outside the window (shipped days later, or placed in another part) is kept in an unlogged table and
 * applied when the build completes. A checkout confirms or rejects its order as soon as its payment step ends, so
 * those changes land in the window, and the order rows need no join with the status changes: that join sorted
 * every status change and took most of the time after the rows were written (ADR 008).
 * Indexes come after the rows. Only placements are decoded: the other events' order id is their aggregate's and
 * their status is their type; a placement's fields are read from its payload's JSON tokens ({@link PlacedOrder}).
 */
@Component
class OrderViewRebuild implements RebuildableReadModel {

    /**
     * Placements each part holds back, a few hundred bytes each: a few megabytes per part. The events of every order
     * placed since hold the checkout's confirmation back from the window's end; at the suite's peak PlaceOrder rates
     * (41.9 orders/s in the last quick run, 66.9 in a profiled run with every role) 20,000 orders are minutes.
     */
    private static final int WINDOW = 20_000;
    private static final Set<Class<?>> TYPES = Set.of(OrderPlaced.class, OrderConfirmed.class, OrderRejected.class,
            OrderCancelled.class, OrderShipped.class, OrderDelivered.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final OrderViewProjection projection;
    private final TableVersions tables;
    private final int window;

    @Autowired
    OrderViewRebuild(JdbcTemplate jdbc, JsonMapper json, OrderViewProjection projection) {
        this(jdbc, json, projection, WINDOW);
    }

    /** @param window placements each part holds back for their order's next events */
    OrderViewRebuild(JdbcTemplate jdbc, JsonMapper json, OrderViewProjection projection, int window) {
        this.window = window;
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource());
        this.json = json;
        this.projection = projection;
        this.tables = new TableVersions(jdbc, List.of("order_view", "order_status_change"),
                // order_view_placed: the staging table of builds before the window, left by one that failed
                List.of("order_view_late", "order_view_placed"), "order_view_changes");
    }

    @Override
    public String name() {
        return OrderViewProjection.PROCESSOR;
    }

    @Override
    public Set<Class<?>> eventTypes() {
        return TYPES;
    }

    @Override
    public Set<Class<?>> payloadTypes() {
        return Set.of(OrderPlaced.class);
    }

    @Override
    public boolean buildsInAnyOrder() {
        return true;
    }

    /** Ids are compared byte by byte, as in every version since migration V18: their indexes build faster. */
    @Override
    public void create(int version) {
        var columns = """
                order_id varchar(255) collate "C" not null, customer_id varchar(255) collate "C" not null,
                status varchar(32) not null, lines json not null, total_minor bigint not null,
                currency char(3) not null, placed_at timestamptz not null, position bigint not null,
                placed_position bigint not null""";
        jdbc.execute("""
                create table order_view_v%1$d (%2$s);
                create unlogged table order_view_late_v%1$d (order_id varchar(255) collate "C" not null,
                    position bigint not null, status varchar(32) not null);
                create table order_status_change_v%1$d (order_id varchar(255) collate "C" not null,
                    position bigint not null, status varchar(32) not null, changed_at timestamptz not null);
                """.formatted(version, columns));
    }

    /** A build of one part: what {@link #build(int)} shares between parts, committed as the writer closes. */
    @Override
    public HistoryWriter writer(int version) {
        var build = build(version);
        HistoryWriter writer;
        try {
            writer = build.writer();
        } catch (RuntimeException e) {
            build.close();
            throw e;
        }
        return new HistoryWriter() {
            @Override
            public void write(HistoricEvent event) {
                writer.write(event);
            }

            @Override
            public void close() {
                try {
                    writer.close();
                    build.finish();
                } finally {
                    build.close();
                }
            }
        };
    }

    /**
     * Every part writes the orders and the status changes through one frozen COPY per table; the late changes, few
     * and dropped after the build, through a COPY of each part's own. All in binary format: the server parses no
     * moments and splits no lines (text COPY's line and date parsing were about 9 % of the machine's CPU samples in
     * {@code perf record -a -g} over a rebuild of 3M placements).
     */
    @Override
    public Build build(int version) {
        var changes = FrozenCopy.binary(dataSource, "order_status_change_v" + version,
                "order_id, position, status, changed_at");
        FrozenCopy orders;
        try {
            orders = FrozenCopy.binary(dataSource, "order_view_v" + version,
                    "order_id, customer_id, status, lines, total_minor, currency, placed_at, position, "
                            + "placed_position");
        } catch (RuntimeException e) {
            changes.close();
            throw e;
        }
        return new Build() {
            @Override
            public HistoryWriter writer() {
                return new Window(changes.part(), orders.part(),
                        copy("order_view_late_v%d (order_id, position, status)".formatted(version)));
            }

            @Override
            public void finish() {
                changes.finish();
                orders.finish();
            }

            @Override
            public void close() {
                try {
                    changes.close();
                } finally {
                    orders.close();
                }
            }
        };
    }

    /** A placed order as its row will read, with the status and position of its latest event so far. */
    private record Placement(PlacedOrder order, long placedPosition, String status, long position) {

        Placement changedBy(String newStatus, long newPosition) {
            return new Placement(order, placedPosition, newStatus, newPosition);
        }
    }

    /** One part's writer: events arrive in position order, so a change always follows what it changes. */
    private final class Window implements HistoryWriter {

        private final CopyRows changes;
        private final CopyRows orders;
        private final CopyRows late;
        /** Insertion-ordered: the eldest placement leaves first, and a change keeps its place. */
        private final LinkedHashMap<String, Placement> recent = new LinkedHashMap<>();

        Window(CopyRows changes, CopyRows orders, CopyRows late) {
            this.changes = changes;
            this.orders = orders;
            this.late = late;
        }

        /** A placement is its order's row; every later event is a status change as well. */
        @Override
        public void write(HistoricEvent event) {
            var status = OrderViewProjection.status(event.type());
            if (event.type() == OrderPlaced.class) {
                var order = PlacedOrder.of(event, json);
                recent.put(order.orderId(), new Placement(order, event.position(), status, event.position()));
                if (recent.size() > window) {
                    var eldest = recent.pollFirstEntry();
                    if (eldest != null) {
                        writeOrder(eldest.getValue());
                    }
                }
            } else {
                changes.column(event.aggregateId()).column(event.position()).column(status)
                        .timestamp(event.timestamp()).end();
                var placement = recent.get(event.aggregateId());
                if (placement != null) {
                    recent.put(event.aggregateId(), placement.changedBy(status, event.position()));
                } else {
                    late.column(event.aggregateId()).column(event.position()).column(status).end();
                }
            }
        }

        private void writeOrder(Placement placement) {
            var order = placement.order();
            orders.column(order.orderId()).column(order.customerId()).column(placement.status())
                    .column(order.lines()).column(order.totalMinor()).column(order.currency())
                    .timestamp(order.placedAt()).column(placement.position()).column(placement.placedPosition())
                    .end();
        }

        @Override
        public void close() {
            try {
                recent.values().forEach(this::writeOrder);
                recent.clear();
                orders.close();
            } finally {
                try {
                    changes.close();
                } finally {
                    late.close();
                }
            }
        }
    }

    private CopyRows copy(String table) {
        try {
            return CopyRows.binary(dataSource.getConnection(), table);
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to copy into " + table, e);
        }
    }

    /**
     * The three indexes are built at once, on three connections ({@code create index} takes a lock that lets other
     * index builds of the table run; {@code add primary key} would not): one index build at a time, even with its
     * parallel worker, kept 1.0 to 1.4 of the two cores busy, and at 10M orders the customer index alone took about
     * 20 s (processes' CPU sampled every 5 s through rebuilds of 3M and 10M events). The late changes are applied
     * once the orders' primary key is there, so that a few of them find their rows by index; a history whose orders
     * mostly change after the window pays one update per such order here.
     */
    @Override
    public void complete(int version) {
        try (var pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("order-view-index-", 1)
                .factory())) {
            var changes = pool.submit(() -> jdbc.execute("""
                    create unique index order_status_change_v%1$d_pkey
                        on order_status_change_v%1$d (order_id, position);
                    alter table order_status_change_v%1$d
                        add primary key using index order_status_change_v%1$d_pkey;
                    analyze order_status_change_v%1$d;
                    """.formatted(version)));
            var customers = pool.submit(() -> jdbc.execute("""
                    create index order_view_v%1$d_customer
                        on order_view_v%1$d (customer_id, placed_position desc);
                    """.formatted(version)));
            var orders = pool.submit(() -> jdbc.execute("""
                    create unique index order_view_v%1$d_pkey on order_view_v%1$d (order_id);
                    alter table order_view_v%1$d add primary key using index order_view_v%1$d_pkey;
                    """.formatted(version)));
            Futures.await(orders, "indexing");
            Futures.await(customers, "indexing");
            jdbc.execute("""
                    set local work_mem = '256MB';
                    analyze order_view_late_v%1$d;
                    update order_view_v%1$d o set status = last.status, position = last.position
                      from (select distinct on (order_id) order_id, status, position from order_view_late_v%1$d
                             order by order_id, position desc) last
                     where o.order_id = last.order_id and o.position < last.position;
                    drop table order_view_late_v%1$d;
                    analyze order_view_v%1$d;
                    create trigger order_view_changed after insert or update on order_view_v%1$d
                        for each row execute function announce_order_view_change();
                    """.formatted(version));
            Futures.await(changes, "indexing");
        }
    }

    @Override
    public List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType) {
        var placed = countsByType.getOrDefault(OrderPlaced.class.getName(), 0L);
        var all = countsByType.values().stream().mapToLong(Long::longValue).sum();
        return List.of(
                Check.equal("orders: one row per OrderPlaced", placed, count("order_view_v" + version)),
                Check.equal("status changes: one row per order event after its placement", all - placed,
                        count("order_status_change_v" + version)));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /**
     * A checksum (sum of row hashes) over the orders that neither version has changed after P, each side computed
     * on its own rows, and one over the status changes up to P, which both must hold completely. A row's hash
     * combines its columns' own hash functions, each seeded by its place: hashing the row's text instead (every
     * {@code jsonb} and moment printed first) took 5.2 and 7.2 s for a join of two 2M-order tables against 3.0
     * and 3.0 s so, 1.3 and 1.5 s for the join alone (PostgreSQL 15, timed by psql).
     */
    @Override
    public Check compare(int serving, int version, long position) {
        var orders = jdbc.queryForMap("""
                select count(*) as compared, coalesce(sum(%s), 0) as old_sum, coalesce(sum(%s), 0) as new_sum
                  from order_view_v%d o join order_view_v%d n using (order_id)
                 where o.position <= ? and n.position <= ?
                """.formatted(orderHash("o"), orderHash("n"), serving, version), position, position);
        var changes = jdbc.queryForMap("""
                select old.count as old_count, new.count as new_count, old.sum as old_sum, new.sum as new_sum
                  from (select count(*), coalesce(sum(%1$s), 0) as sum from order_status_change_v%2$d c
                         where position <= ?) old,
                       (select count(*), coalesce(sum(%1$s), 0) as sum from order_status_change_v%3$d c
                         where position <= ?) new
                """.formatted(changeHash("c"), serving, version), position, position);
        var expected = "v%d: %s orders, checksum %s; %s status changes, checksum %s".formatted(serving,
                orders.get("compared"), orders.get("old_sum"), changes.get("old_count"), changes.get("old_sum"));
        var actual = "v%d: %s orders, checksum %s; %s status changes, checksum %s".formatted(version,
                orders.get("compared"), orders.get("new_sum"), changes.get("new_count"), changes.get("new_sum"));
        var passed = orders.get("old_sum").equals(orders.get("new_sum"))
                && changes.get("old_count").equals(changes.get("new_count"))
                && changes.get("old_sum").equals(changes.get("new_sum"));
        return new Check("same rows as v" + serving + " up to position " + position, expected, actual, passed);
    }

    private static String orderHash(String row) {
        return """
                hashtextextended(%1$s.order_id, 0) # hashtextextended(%1$s.customer_id, 1)
                  # hashtextextended(%1$s.status, 2) # hashtextextended(%1$s.lines::text, 3)
                  # hashint8extended(%1$s.total_minor, 4) # hashbpcharextended(%1$s.currency, 5)
                  # timestamp_hash_extended(%1$s.placed_at at time zone 'UTC', 6)
                  # hashint8extended(%1$s.position, 7) # hashint8extended(%1$s.placed_position, 8)"""
                .formatted(row);
    }

    private static String changeHash(String row) {
        return """
                hashtextextended(%1$s.order_id, 0) # hashint8extended(%1$s.position, 1)
                  # hashtextextended(%1$s.status, 2)
                  # timestamp_hash_extended(%1$s.changed_at at time zone 'UTC', 3)""".formatted(row);
    }

    @Override
    public Object liveHandler(int version) {
        return new OrderViewProjection(jdbc, json, version);
    }

    @Override
    public void switchReaders(int serving, int version) {
        tables.switchTo(version);
    }

    @Override
    public void retarget(int version) {
        projection.retarget(version);
    }

    @Override
    public void drop(int version) {
        tables.drop(version);
    }
}
