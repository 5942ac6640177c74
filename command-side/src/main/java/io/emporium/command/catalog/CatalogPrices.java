package io.emporium.command.catalog;

import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;
import io.emporium.contracts.money.Money;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table catalog_price, kept by a subscribing processor: it handles each catalog event in the transaction that
 * records it, so a cart is never priced from a catalog that moved on. Reads join the caller's transaction.
 */
@Component
@ProcessingGroup(CatalogPrices.PROCESSOR)
class CatalogPrices implements CurrentPrices {

    static final String PROCESSOR = "catalog-prices";

    private final NamedParameterJdbcTemplate jdbc;

    CatalogPrices(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductDefined defined) {
        jdbc.update("""
                insert into catalog_price (sku, price_minor, currency, on_sale) values (:sku, :minor, :currency, false)
                on conflict (sku) do nothing
                """, Map.of("sku", defined.sku(), "minor", defined.price().minorUnits(),
                "currency", defined.price().currency()));
    }

    @EventHandler
    void on(ProductActivated activated) {
        jdbc.update("update catalog_price set on_sale = true where sku = :sku", Map.of("sku", activated.sku()));
    }

    @EventHandler
    void on(PriceChanged changed) {
        jdbc.update("update catalog_price set price_minor = :minor, currency = :currency where sku = :sku",
                Map.of("sku", changed.sku(), "minor", changed.newPrice().minorUnits(),
                        "currency", changed.newPrice().currency()));
    }

    @EventHandler
    void on(ProductDiscontinued discontinued) {
        jdbc.update("update catalog_price set on_sale = false where sku = :sku", Map.of("sku", discontinued.sku()));
    }

    @Override
    public Optional<Money> of(String sku) {
        return Optional.ofNullable(of(List.of(sku)).get(sku));
    }

    @Override
    public Map<String, Money> of(Collection<String> skus) {
        var prices = new HashMap<String, Money>();
        if (!skus.isEmpty()) {
            jdbc.query("select sku, price_minor, currency from catalog_price where on_sale and sku in (:skus)",
                    Map.of("skus", skus), row -> {
                        prices.put(row.getString("sku"), Money.of(row.getLong("price_minor"),
                                row.getString("currency")));
                    });
        }
        return prices;
    }

    /** Subscribing, not streaming: the table must change in the same transaction as the catalog. */
    @Configuration(proxyBeanMethods = false)
    static class Processor {
        @Bean
        ConfigurerModule catalogPricesProcessor() {
            return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(PROCESSOR);
        }
    }
}
