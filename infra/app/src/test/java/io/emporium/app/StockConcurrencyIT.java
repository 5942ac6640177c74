package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.command.http.Commands;
import io.emporium.command.idempotency.IdempotentRequest;
import io.emporium.command.idempotency.IdempotentRequests;
import io.emporium.command.idempotency.PendingResponse;
import io.emporium.command.idempotency.StoredResponse;
import io.emporium.contracts.inventory.InventoryCommand.ReceiveStock;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reservations never exceed stock, even with two engine instances deciding on one SKU at once: each has its own
 * command bus and aggregate locks, so only the event stream's unique version stops one from overselling, and the
 * loser retries on fresh state.
 */
@EngineIT
class StockConcurrencyIT {

    private static final int STOCK = 50;
    private static final int RESERVATIONS = 300;

    private static ConfigurableApplicationContext secondInstance;

    @Autowired IdempotentRequests requests;
    @Autowired Commands commands;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired MeterRegistry meters;

    @BeforeAll
    static void startSecondInstance() {
        secondInstance = new SpringApplicationBuilder(EmporiumApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("emporium.roles.projections.enabled", "false",
                        "emporium.roles.query.enabled", "false",
                        "spring.main.banner-mode", "off"))
                .run();
    }

    @AfterAll
    static void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void reservationsFromTwoInstancesNeverExceedTheStockOfAHotSku() throws Exception {
        var sku = "HOT-" + UUID.randomUUID().toString().substring(0, 8);
        reserveThrough(requests, commands, new ReceiveStock(sku, "receipt-1", STOCK), sku, false).call();

        var instances = new IdempotentRequests[] {requests, secondInstance.getBean(IdempotentRequests.class)};
        var instanceCommands = new Commands[] {commands, secondInstance.getBean(Commands.class)};
        var calls = new ArrayList<Callable<Void>>();
        // Half of them take the path of single-aggregate HTTP commands (group commits), half run alone.
        IntStream.range(0, RESERVATIONS).forEach(i -> calls.add(reserveThrough(instances[i % 2],
                instanceCommands[i % 2], new ReserveStock(sku, "order-" + i + "/1", 1), sku, i % 4 < 2)));
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (var outcome : pool.invokeAll(calls)) {
                outcome.get(); // every request ends well: reserved or rejected for lack of stock, none failed
            }
        }

        assertThat(count(sku, "StockReserved")).isEqualTo(STOCK);
        assertThat(count(sku, "StockReservationRejected")).isEqualTo(RESERVATIONS - STOCK);
        var payloads = jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                 where aggregate_identifier = ? order by sequence_number
                """, String.class, "stock:" + sku);
        assertThat(payloads).allSatisfy(payload -> {
            var levels = json.readTree(payload).get("levels");
            assertThat(levels.get("reserved").asInt()).isBetween(0, levels.get("onHand").asInt());
        });
        assertThat(json.readTree(payloads.getLast()).get("levels").get("reserved").asInt()).isEqualTo(STOCK);
        System.out.printf("stream conflicts retried: %.0f%n", Stream.of(meters, secondInstance.getBean(
                MeterRegistry.class)).mapToDouble(registry -> registry.counter("emporium.commands.conflict.retries")
                .count()).sum());
    }

    /** The path every HTTP command takes: idempotency key, one transaction, retry on a stream conflict. */
    private static Callable<Void> reserveThrough(IdempotentRequests requests, Commands commands, Object command,
                                                 String sku, boolean grouped) {
        return () -> {
            var request = IdempotentRequest.of(UUID.randomUUID().toString(), "POST", "/test", new byte[0]);
            Supplier<PendingResponse> work = () -> {
                commands.sendAndWait(command);
                return PendingResponse.afterAppend("stock:" + sku, written -> new StoredResponse(200, Map.of(), ""));
            };
            (grouped ? requests.execute(request, "stock:" + sku, work) : requests.execute(request, work)).block();
            return null;
        };
    }

    private int count(String sku, String eventType) {
        return Objects.requireNonNull(jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type like ?
                """, Integer.class, "stock:" + sku, "%$" + eventType));
    }
}
