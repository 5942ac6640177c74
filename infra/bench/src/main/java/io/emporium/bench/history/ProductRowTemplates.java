package io.emporium.bench.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The three events that put a product on sale, ProductDefined, ProductActivated and StockReceived, as the engine
 * stored them for one template product defined over HTTP: each synthetic product is a copy of those rows with its
 * own SKU, name, description, category, attributes, price and received quantity in the template's places, its own
 * aggregate ids ({@code product:<sku>}, {@code stock:<sku>}), event ids and metadata ids.
 */
public final class ProductRowTemplates {

    /**
     * What the template request defines: values that cannot occur by chance in a stored event, so that each marks
     * exactly the place where the engine put it.
     */
    public static Assortment.Product templateProduct(String sku) {
        return new Assortment.Product(sku, "Zqxname template", "Zqxdescription template", "zqxcategory",
                "zqxcolour", "zqxsize", 424_241, 4_243);
    }

    /** The receipt id the template's stock arrives under. */
    public static String templateReceiptId(String sku) {
        return "zqxreceipt-" + sku;
    }

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Shape defined;
    private final Shape activated;
    private final Shape received;

    ProductRowTemplates(Shape defined, Shape activated, Shape received) {
        this.defined = defined;
        this.activated = activated;
        this.received = received;
    }

    /** One stored event row with its values marked: payload slots, and the aggregate id's prefix before the SKU. */
    record Shape(String aggregatePrefix, String type, String payloadType, @Nullable String payloadRevision,
                 JsonSlots payload, byte @Nullable [] metaData) {

        EventRow copy(SplittableRandom random, String sku, long sequence, Instant at, Map<String, String> values) {
            byte[] newMetaData = null;
            if (metaData != null) {
                var matcher = UUID.matcher(new String(metaData, StandardCharsets.UTF_8));
                newMetaData = matcher.replaceAll(match -> Uuids.random(random)).getBytes(StandardCharsets.UTF_8);
            }
            return new EventRow(Uuids.timeOrdered(random, at), aggregatePrefix + sku, sequence, type, at.toString(),
                    payloadType, payloadRevision, payload.fill(values), newMetaData);
        }
    }

    /**
     * The template product's rows in the store.
     *
     * @throws IllegalStateException if one of the three events is missing
     */
    public static ProductRowTemplates fromStore(Connection connection, String templateSku) throws SQLException {
        var template = templateProduct(templateSku);
        var productValues = Map.of("sku", JsonSlots.string(templateSku),
                "name", JsonSlots.string(template.name()),
                "description", JsonSlots.string(template.description()),
                "category", JsonSlots.string(template.category()),
                "colour", JsonSlots.string(template.colour()),
                "size", JsonSlots.string(template.size()),
                "price", Long.toString(template.priceMinor()));
        var stockValues = Map.of("sku", JsonSlots.string(templateSku),
                "receipt", JsonSlots.string(templateReceiptId(templateSku)),
                "quantity", Integer.toString(template.stock()));
        var shapes = new HashMap<String, Shape>();
        try (var statement = connection.prepareStatement("""
                select aggregate_identifier, type, payload_type, payload_revision, payload, meta_data
                  from domain_event_entry where aggregate_identifier like ? order by global_index
                """)) {
            statement.setString(1, "%:" + templateSku);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    var payloadType = rows.getString("payload_type");
                    var event = payloadType.substring(payloadType.lastIndexOf('$') + 1);
                    var values = switch (event) {
                        case "ProductDefined" -> productValues;
                        case "ProductActivated" -> Map.of("sku", productValues.get("sku"));
                        case "StockReceived" -> stockValues;
                        default -> null;
                    };
                    if (values == null) {
                        continue;
                    }
                    var aggregate = rows.getString("aggregate_identifier");
                    shapes.put(event, new Shape(aggregate.substring(0, aggregate.length() - templateSku.length()),
                            rows.getString("type"), payloadType, rows.getString("payload_revision"),
                            JsonSlots.of(new String(rows.getBytes("payload"), StandardCharsets.UTF_8), values),
                            rows.getBytes("meta_data")));
                }
            }
        }
        for (var event : List.of("ProductDefined", "ProductActivated", "StockReceived")) {
            if (!shapes.containsKey(event)) {
                throw new IllegalStateException("no " + event + " of the template product " + templateSku
                        + " in the store to copy");
            }
        }
        return new ProductRowTemplates(shapes.get("ProductDefined"), shapes.get("ProductActivated"),
                shapes.get("StockReceived"));
    }

    /** The row that defines {@code product}, at its price, as a draft. */
    public EventRow defined(Assortment.Product product, SplittableRandom random, Instant at) {
        return defined.copy(random, product.sku(), 0, at, Map.of("sku", JsonSlots.string(product.sku()),
                "name", JsonSlots.string(product.name()),
                "description", JsonSlots.string(product.description()),
                "category", JsonSlots.string(product.category()),
                "colour", JsonSlots.string(product.colour()),
                "size", JsonSlots.string(product.size()),
                "price", Long.toString(product.priceMinor())));
    }

    /** The row that puts {@code product} on sale: the second event of its aggregate. */
    public EventRow activated(Assortment.Product product, SplittableRandom random, Instant at) {
        return activated.copy(random, product.sku(), 1, at, Map.of("sku", JsonSlots.string(product.sku())));
    }

    /** The row that receives {@code product}'s stock: the first event of its stock aggregate. */
    public EventRow received(Assortment.Product product, SplittableRandom random, Instant at) {
        return received.copy(random, product.sku(), 0, at, Map.of("sku", JsonSlots.string(product.sku()),
                "receipt", JsonSlots.string("receipt:bench-" + product.sku()),
                "quantity", Integer.toString(product.stock())));
    }
}
