package io.emporium.bench.figure;

/** The machine limits every figure is judged against; each is measured in the same run as the figures. */
public enum Baseline {
    /** Durable single-row commits with 8 clients, rows shaped like events: the ceiling of durable appends. */
    POSTGRES_COMMITS,
    /** A sequential read of the whole event table: the ceiling of any replay. */
    EVENT_TABLE_READ,
    /** A bare WebFlux endpoint under the same load generator: the ceiling of any HTTP endpoint. */
    BARE_WEBFLUX,
    /** Acknowledged records per second from one producer with the export's durability and record size. */
    KAFKA_PRODUCER
}
