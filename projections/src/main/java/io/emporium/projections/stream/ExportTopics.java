package io.emporium.projections.stream;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.customer.CustomerEvent;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.contracts.order.OrderEvent;
import java.util.List;
import java.util.Optional;

/**
 * One topic per bounded context, versioned: a change of an envelope or event shape that old consumers cannot read
 * goes to a {@code .v2} topic beside the old one.
 */
enum ExportTopics {

    CATALOG(CatalogEvent.class, "emporium.catalog.v1", "/emporium/catalog", "io.emporium.catalog."),
    INVENTORY(InventoryEvent.class, "emporium.inventory.v1", "/emporium/inventory", "io.emporium.inventory."),
    CARTS(CartEvent.class, "emporium.carts.v1", "/emporium/carts", "io.emporium.carts."),
    ORDERS(OrderEvent.class, "emporium.orders.v1", "/emporium/orders", "io.emporium.orders."),
    CUSTOMERS(CustomerEvent.class, "emporium.customers.v1", "/emporium/customers", "io.emporium.customers.");

    private final Class<?> family;
    private final String topic;
    private final String source;
    private final String typePrefix;

    ExportTopics(Class<?> family, String topic, String source, String typePrefix) {
        this.family = family;
        this.topic = topic;
        this.source = source;
        this.typePrefix = typePrefix;
    }

    static Optional<ExportTopics> of(Object payload) {
        for (var context : values()) {
            if (context.family.isInstance(payload)) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }

    static Optional<ExportTopics> ofType(Class<?> payloadType) {
        for (var context : values()) {
            if (context.family.isAssignableFrom(payloadType)) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(ExportTopics::topic).toList();
    }

    String topic() {
        return topic;
    }

    String source() {
        return source;
    }

    /** The CloudEvents type of an event of this context, such as {@code io.emporium.orders.OrderPlaced}. */
    String type(Object payload) {
        return type(payload.getClass());
    }

    String type(Class<?> payloadType) {
        return typePrefix + payloadType.getSimpleName();
    }
}
