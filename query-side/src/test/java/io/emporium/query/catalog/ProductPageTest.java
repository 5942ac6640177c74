package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.catalog.ProductView;
import io.emporium.contracts.money.Money;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProductPageTest {

    private final JsonMapper json = JsonMapper.shared();
    private final ProductView mug = new ProductView("SKU-MUG", "Émaillé mug", "Stoneware", "kitchen",
            Map.of("colour", "blue"), Money.of(1_250, "EUR"), 3, true, "ACTIVE", 42);

    @Test
    void aPageCarriesItsViewAsTheJsonAReaderIsSent() {
        var page = ProductPage.of(mug, json);

        assertThat(json.readValue(page.json(), ProductView.class)).isEqualTo(mug);
        assertThat(page.json()).isEqualTo(json.writeValueAsBytes(mug));
    }

    @Test
    void pagesOfTheSameViewAreEqual() {
        assertThat(ProductPage.of(mug, json)).isEqualTo(ProductPage.of(mug, json))
                .hasSameHashCodeAs(ProductPage.of(mug, json));
    }
}
