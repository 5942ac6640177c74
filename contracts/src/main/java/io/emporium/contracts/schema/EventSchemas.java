package io.emporium.contracts.schema;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.customer.CustomerEvent;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.contracts.order.OrderEvent;
import java.util.Arrays;
import java.util.List;

/**
 * Where the JSON Schema of each published event lives: in this jar, under {@code io/emporium/contracts/schemas/},
 * one file per event type ({@code order/OrderPlaced.json}) and one for the CloudEvents envelope that carries every
 * event on Kafka ({@code envelope.json}). A consumer finds an event's schema through the envelope's
 * {@code dataschema} attribute. The files are derived from the records themselves and checked against them, and
 * against what the engine really writes to Kafka, by tests.
 */
public final class EventSchemas {

    /** The event families that leave the engine: one Kafka topic per family. */
    public static final List<Class<?>> PUBLISHED_FAMILIES = List.of(CatalogEvent.class, InventoryEvent.class,
            CartEvent.class, OrderEvent.class, CustomerEvent.class);

    private static final String FOLDER = "io/emporium/contracts/schemas/";

    /** The envelope's schema as a class-path resource name. */
    public static final String ENVELOPE_RESOURCE = FOLDER + "envelope.json";

    private EventSchemas() {}

    /** Every published event type, family by family, in the order the families declare them. */
    public static List<Class<?>> publishedTypes() {
        return PUBLISHED_FAMILIES.stream().flatMap(family -> Arrays.stream(family.getPermittedSubclasses())).toList();
    }

    /** The class-path resource name of an event type's schema, such as {@code …/schemas/order/OrderPlaced.json}. */
    public static String resourceOf(Class<?> eventType) {
        var pkg = eventType.getPackageName();
        return FOLDER + pkg.substring(pkg.lastIndexOf('.') + 1) + "/" + eventType.getSimpleName() + ".json";
    }

    /**
     * The envelope's {@code dataschema} for an event type: an absolute URI naming the schema's resource in this jar,
     * in the {@code classpath:} form that JVM schema validators load as it is.
     */
    public static String uriOf(Class<?> eventType) {
        return "classpath:/" + resourceOf(eventType);
    }
}
