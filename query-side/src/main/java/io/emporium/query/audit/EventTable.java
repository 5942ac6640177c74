package io.emporium.query.audit;

import io.emporium.audit.chain.ChainRecord;
import io.emporium.audit.chain.ChainRecord.Head;
import io.emporium.audit.chain.ChainRecord.Link;
import io.emporium.audit.chain.ChainRecord.Range;
import io.emporium.audit.chain.ChainRecord.Unlinked;
import io.emporium.audit.chain.EventRow;
import io.emporium.audit.chain.HashChain;
import io.emporium.contracts.order.OrderEvent;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the event table (domain_event_entry) and the chain's tables (audit_chain_*) as stored, without blocking:
 * no read model stands between an auditor and the events.
 */
@Component
class EventTable {

    private static final String COLUMNS = """
            e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.timestamp,
            e.payload_type, e.payload_revision, e.payload, e.meta_data""";
    private static final String PLACED = OrderEvent.OrderPlaced.class.getName();

    private final DatabaseClient db;

    EventTable(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The order's own events and those of the stock reservations its checkout made, oldest first. Reservation ids
     * are the order id, a slash and the line number (see CheckoutProcess), and live in the events of the SKUs the
     * order placed; only those SKUs' streams are searched.
     */
    Flux<EventRow> ofOrder(String orderId) {
        return db.sql("""
                        with reserved as (
                            select distinct 'stock:' || (line ->> 'sku') as stock_id
                              from domain_event_entry o,
                                   jsonb_array_elements(convert_from(o.payload, 'UTF8')::jsonb -> 'lines') line
                             where o.aggregate_identifier = :orderId and o.payload_type = :placed)
                        select %1$s from domain_event_entry e where e.aggregate_identifier = :orderId
                        union all
                        select %1$s from domain_event_entry e join reserved r on e.aggregate_identifier = r.stock_id
                         where starts_with(convert_from(e.payload, 'UTF8')::jsonb ->> 'reservationId', :prefix)
                        order by global_index
                        """.formatted(COLUMNS))
                .bind("orderId", orderId)
                .bind("placed", PLACED)
                .bind("prefix", orderId + "/")
                .map((row, metadata) -> row(row))
                .all();
    }

    /**
     * Everything a verification of positions {@code from} to {@code to} reads, in {@link ChainRecord}'s order. The
     * links checked run from the first to the last link naming a position in the range, so links of late commits
     * in between are checked too.
     */
    Flux<ChainRecord> chain(long from, long to) {
        return db.sql("""
                        select s.settled_through,
                               (select min(link) from audit_chain_link where position between :from and :to) lo,
                               (select max(link) from audit_chain_link where position between :from and :to) hi
                          from audit_chain_state s
                        """)
                .bind("from", from)
                .bind("to", to)
                .map((row, metadata) -> new Bounds(Objects.requireNonNull(row.get("settled_through", Long.class)),
                        row.get("lo", Long.class), row.get("hi", Long.class)))
                .one()
                .flatMapMany(bounds -> bounds.lo() == null || bounds.hi() == null
                        ? Flux.<ChainRecord>just(new Range(from, to, HashChain.hex(HashChain.GENESIS),
                                bounds.settledThrough())).concatWith(unlinked(from, to, bounds.settledThrough()))
                        : links(from, to, bounds.settledThrough(), bounds.lo(), bounds.hi()));
    }

    private record Bounds(long settledThrough, @Nullable Long lo, @Nullable Long hi) {}

    private Flux<ChainRecord> links(long from, long to, long settledThrough, long lo, long hi) {
        Mono<ChainRecord> range = db.sql("select hash from audit_chain_link where link = :link")
                .bind("link", lo - 1)
                .map((row, metadata) -> Objects.requireNonNull(row.get("hash", String.class)))
                .one()
                .defaultIfEmpty(HashChain.hex(HashChain.GENESIS))
                .map(previous -> new Range(from, to, previous, settledThrough));
        Flux<ChainRecord> heads = db.sql("""
                        select link, position, hash, recorded_at from audit_chain_head
                         where link between :lo and :hi order by link
                        """)
                .bind("lo", lo)
                .bind("hi", hi)
                .map((row, metadata) -> (ChainRecord) new Head(number(row, "link"), number(row, "position"),
                        text(row, "hash"), time(row, "recorded_at")))
                .all();
        Flux<ChainRecord> links = db.sql("""
                        select l.link, l.position, l.hash, l.linked_at, %s
                          from audit_chain_link l left join domain_event_entry e on e.global_index = l.position
                         where l.link between :lo and :hi
                         order by l.link
                        """.formatted(COLUMNS))
                .bind("lo", lo)
                .bind("hi", hi)
                .map((row, metadata) -> (ChainRecord) new Link(number(row, "link"), number(row, "position"),
                        text(row, "hash"), time(row, "linked_at"),
                        row.get("global_index", Long.class) == null ? null : row(row)))
                .all();
        return Flux.concat(range, heads, links, unlinked(from, to, settledThrough));
    }

    /** Rows in the settled part of the range that no link vouches for. */
    private Flux<ChainRecord> unlinked(long from, long to, long settledThrough) {
        return db.sql("""
                        select %s from domain_event_entry e
                         where e.global_index between :from and :to
                           and not exists (select 1 from audit_chain_link l where l.position = e.global_index)
                         order by e.global_index
                        """.formatted(COLUMNS))
                .bind("from", from)
                .bind("to", Math.min(to, settledThrough))
                .map((row, metadata) -> (ChainRecord) new Unlinked(row(row)))
                .all();
    }

    private static EventRow row(Readable row) {
        return new EventRow(number(row, "global_index"), text(row, "event_identifier"),
                text(row, "aggregate_identifier"), number(row, "sequence_number"), row.get("type", String.class),
                text(row, "timestamp"), text(row, "payload_type"), row.get("payload_revision", String.class),
                Objects.requireNonNull(row.get("payload", byte[].class)), row.get("meta_data", byte[].class));
    }

    private static long number(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Long.class), column);
    }

    private static String text(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }

    private static String time(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, OffsetDateTime.class), column).toInstant().toString();
    }
}
