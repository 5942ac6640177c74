package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.contracts.catalog.CatalogQuery.ProductSort;
import io.emporium.contracts.catalog.CatalogQuery.SearchProducts;
import io.emporium.query.InvalidQueryParameterException;
import org.junit.jupiter.api.Test;

class CatalogParametersTest {

    @Test
    void aSearchWithoutParametersListsTheFirstPageOfEverythingByRelevance() {
        assertThat(CatalogParameters.search(null, "", null, null, null, null, null, null))
                .isEqualTo(new SearchProducts(null, null, null, null, null, ProductSort.RELEVANCE, 0, 20));
    }

    @Test
    void givenParametersAreTrimmedAndRead() {
        assertThat(CatalogParameters.search(" creme ", "kitchen", "100", "2500", "TRUE", "price_desc", "2", "10"))
                .isEqualTo(new SearchProducts("creme", "kitchen", 100L, 2_500L, true, ProductSort.PRICE_DESC, 2, 10));
    }

    @Test
    void eachWrongParameterIsNamed() {
        assertNamed("minPrice", () -> CatalogParameters.search(null, null, "cheap", null, null, null, null, null));
        assertNamed("maxPrice", () -> CatalogParameters.search(null, null, "500", "100", null, null, null, null));
        assertNamed("inStock", () -> CatalogParameters.search(null, null, null, null, "yes", null, null, null));
        assertNamed("sort", () -> CatalogParameters.search(null, null, null, null, null, "popularity", null, null));
        assertNamed("size", () -> CatalogParameters.search(null, null, null, null, null, null, null, "1000"));
        assertNamed("page", () -> CatalogParameters.search(null, null, null, null, null, null, "500", "100"));
        assertNamed("prefix", () -> CatalogParameters.suggest(" ", null));
        assertNamed("sku", () -> CatalogParameters.find("no spaces"));
    }

    private static void assertNamed(String parameter, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidQueryParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
