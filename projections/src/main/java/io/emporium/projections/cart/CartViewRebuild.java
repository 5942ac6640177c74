package io.emporium.projections.cart;

import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.projections.rebuild.CopyRows;
import io.emporium.projections.rebuild.HistoricEvent;
import io.emporium.projections.rebuild.RebuildableReadModel;
import io.emporium.projections.rebuild.TableVersions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the cart views as tables cart_view_vN and cart_line_view_vN beside the serving version; readers use views
 * cart_view and cart_line_view, which the switch points at the new tables in one transaction.
 *
 * <p>The build is independent of event order, so parts of the history are copied in parallel into an unlogged
 * staging table, one row per cart event. Set-based statements then fold each cart as the live projection does: a
 * cart is open until checked out and stands at its last event's position; a line lives from the first item added
 * after its last removal, its quantity is the last quantity set plus what was added after it, at the price of the
 * last addition.
 */
@Component
class CartViewRebuild implements RebuildableReadModel {

    private static final Set<Class<?>> TYPES = Set.of(CartCreated.class, ItemAddedToCart.class,
            ItemQuantityChanged.class, ItemRemovedFromCart.class, CartCheckedOut.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final CartViewProjection projection;
    private final TableVersions tables;

    CartViewRebuild(JdbcTemplate jdbc, CartViewProjection projection) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource());
        this.projection = projection;
        this.tables = new TableVersions(jdbc, List.of("cart_line_view", "cart_view"), List.of("cart_event"),
                "cart_view_changes");
    }

    @Override
    public String name() {
        return CartViewProjection.PROCESSOR;
    }

    @Override
    public Set<Class<?>> eventTypes() {
        return TYPES;
    }

    @Override
    public boolean buildsInAnyOrder() {
        return true;
    }

    /** The same columns, in the same order, as version 1 (V10), so that rows of two versions compare as text. */
    @Override
    public void create(int version) {
        jdbc.execute("""
                create table cart_view_v%1$d (cart_id varchar(255) not null, customer_id varchar(255) not null,
                    status varchar(32) not null, order_id varchar(255), position bigint not null);
                create table cart_line_view_v%1$d (cart_id varchar(255) not null, sku varchar(64) not null,
                    quantity integer not null, unit_price_minor bigint not null, currency char(3) not null,
                    added_at bigint not null);
                create unlogged table cart_event_v%1$d (cart_id varchar(255) not null, position bigint not null,
                    kind varchar(16) not null, customer_id varchar(255), sku varchar(64), quantity integer,
                    unit_price_minor bigint, currency char(3), order_id varchar(255));
                """.formatted(version));
    }

    @Override
    public HistoryWriter writer(int version) {
        CopyRows events;
        try {
            events = new CopyRows(dataSource.getConnection(), ("cart_event_v%d (cart_id, position, kind, customer_id, "
                    + "sku, quantity, unit_price_minor, currency, order_id)").formatted(version));
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to copy cart events", e);
        }
        return new HistoryWriter() {
            @Override
            public void write(HistoricEvent event) {
                var row = events.column(event.aggregateId()).column(event.position());
                switch (event.payload(Object.class)) {
                    case CartCreated created -> row.column("CREATED").column(created.customerId()).column(null)
                            .column(null).column(null).column(null).column(null);
                    case ItemAddedToCart added -> row.column("ADDED").column(null).column(added.sku())
                            .column(added.quantity()).column(added.unitPrice().minorUnits())
                            .column(added.unitPrice().currency()).column(null);
                    case ItemQuantityChanged changed -> row.column("CHANGED").column(null).column(changed.sku())
                            .column(changed.quantity()).column(null).column(null).column(null);
                    case ItemRemovedFromCart removed -> row.column("REMOVED").column(null).column(removed.sku())
                            .column(null).column(null).column(null).column(null);
                    case CartCheckedOut checkedOut -> row.column("CHECKED_OUT").column(null).column(null)
                            .column(null).column(null).column(null).column(checkedOut.orderId());
                    default -> throw new IllegalArgumentException("not a cart event: " + event.type());
                }
                row.end();
            }

            @Override
            public void close() {
                events.close();
            }
        };
    }

    @Override
    public void complete(int version) {
        jdbc.execute("""
                set local work_mem = '256MB';
                insert into cart_view_v%1$d (cart_id, customer_id, status, order_id, position)
                select created.cart_id, created.customer_id,
                       case when checked_out.order_id is null then 'OPEN' else 'CHECKED_OUT' end,
                       checked_out.order_id, last.position
                  from cart_event_v%1$d created
                  join (select cart_id, max(position) as position from cart_event_v%1$d group by cart_id) last
                       using (cart_id)
                  left join (select distinct on (cart_id) cart_id, order_id from cart_event_v%1$d
                              where kind = 'CHECKED_OUT' order by cart_id, position desc) checked_out using (cart_id)
                 where created.kind = 'CREATED';
                alter table cart_view_v%1$d add primary key (cart_id);

                insert into cart_line_view_v%1$d (cart_id, sku, quantity, unit_price_minor, currency, added_at)
                with segmented as (
                       -- a removal starts the line anew: only what follows the last one counts
                       select cart_id, sku, position, kind, quantity, unit_price_minor, currency,
                              count(*) filter (where kind = 'REMOVED')
                                  over (partition by cart_id, sku order by position) as removals
                         from cart_event_v%1$d where kind in ('ADDED', 'CHANGED', 'REMOVED')),
                     current as (
                       select *, max(removals) over (partition by cart_id, sku) as last_removals from segmented),
                     opened as (
                       select *, min(position) filter (where kind = 'ADDED')
                                     over (partition by cart_id, sku) as added_at
                         from current where removals = last_removals and kind <> 'REMOVED'),
                     effective as (
                       -- a quantity set before the line exists changes nothing
                       select *, max(position) filter (where kind = 'CHANGED')
                                     over (partition by cart_id, sku) as set_at
                         from opened where position >= added_at)
                select line.cart_id, line.sku,
                       coalesce(max(quantity) filter (where position = set_at), 0)
                           + coalesce(sum(quantity) filter (where kind = 'ADDED' and position > coalesce(set_at, -1)),
                                      0),
                       (array_agg(unit_price_minor order by position desc) filter (where kind = 'ADDED'))[1],
                       (array_agg(currency order by position desc) filter (where kind = 'ADDED'))[1],
                       min(added_at)
                  from effective line
                 where exists (select 1 from cart_view_v%1$d cart where cart.cart_id = line.cart_id)
                 group by line.cart_id, line.sku;
                drop table cart_event_v%1$d;
                alter table cart_line_view_v%1$d add primary key (cart_id, sku);
                alter table cart_line_view_v%1$d add foreign key (cart_id) references cart_view_v%1$d (cart_id)
                    on delete cascade;
                analyze cart_view_v%1$d;
                analyze cart_line_view_v%1$d;
                create trigger cart_view_changed after insert or update on cart_view_v%1$d
                    for each row execute function announce_cart_view_change();
                """.formatted(version));
    }

    @Override
    public List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType) {
        return List.of(Check.equal("carts: one row per CartCreated",
                countsByType.getOrDefault(CartCreated.class.getName(), 0L),
                jdbc.queryForObject("select count(*) from cart_view_v" + version, Long.class)));
    }

    /**
     * A checksum (sum of row hashes) over the carts that neither version has changed after P, and one over their
     * lines, each side computed on its own rows.
     */
    @Override
    public Check compare(int serving, int version, long position) {
        var sums = jdbc.queryForMap("""
                with compared as (
                  select cart_id, hashtextextended(o::text, 0) as old_hash, hashtextextended(n::text, 0) as new_hash
                    from cart_view_v%1$d o join cart_view_v%2$d n using (cart_id)
                   where o.position <= ? and n.position <= ?)
                select (select count(*) from compared) as carts,
                       (select coalesce(sum(old_hash), 0) from compared) as old_carts,
                       (select coalesce(sum(new_hash), 0) from compared) as new_carts,
                       (select coalesce(sum(hashtextextended(l::text, 0)), 0)
                          from cart_line_view_v%1$d l join compared using (cart_id)) as old_lines,
                       (select coalesce(sum(hashtextextended(l::text, 0)), 0)
                          from cart_line_view_v%2$d l join compared using (cart_id)) as new_lines
                """.formatted(serving, version), position, position);
        var expected = "v%d: %s carts, checksum %s; lines checksum %s".formatted(serving, sums.get("carts"),
                sums.get("old_carts"), sums.get("old_lines"));
        var actual = "v%d: %s carts, checksum %s; lines checksum %s".formatted(version, sums.get("carts"),
                sums.get("new_carts"), sums.get("new_lines"));
        var passed = sums.get("old_carts").equals(sums.get("new_carts"))
                && sums.get("old_lines").equals(sums.get("new_lines"));
        return new Check("same carts as v" + serving + " up to position " + position, expected, actual, passed);
    }

    @Override
    public Object liveHandler(int version) {
        return new CartViewProjection(jdbc, version);
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
