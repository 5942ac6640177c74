package io.emporium.command.catalog;

import io.emporium.contracts.money.Money;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The catalog's prices right now, for deciding what a customer pays. Only products on sale have one. */
public interface CurrentPrices {

    Optional<Money> of(String sku);

    /** The prices of those of these SKUs that are on sale. */
    Map<String, Money> of(Collection<String> skus);
}
