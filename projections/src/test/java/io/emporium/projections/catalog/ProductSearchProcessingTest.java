package io.emporium.projections.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.StockLevels;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class ProductSearchProcessingTest {

    @Test
    void aSkusCatalogAndStockEventsShareOneSequence() {
        var policy = ProductSearchProcessing.bySku();

        var catalog = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new ProductActivated("SKU-MUG")));
        var stock = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new StockReceived("SKU-MUG", "r-1", 1, new StockLevels(1, 0))));
        var otherSku = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new ProductActivated("SKU-BOWL")));

        assertThat(catalog).isEqualTo(stock).isNotEqualTo(otherSku);
    }
}
