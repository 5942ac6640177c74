package io.emporium.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.customer.CustomerEvent.CustomerRegistered;
import io.emporium.contracts.customer.SealedData;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published schemas are the records' own shape: each file equals what the generator derives from its record, so
 * a changed event cannot ship with a stale schema. To rewrite the files after an intended change, run this test
 * with {@code -Demporium.schemas.write=true} and review the diff.
 */
class EventSchemasTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaGenerator GENERATOR = generator();

    /**
     * Every component of an event is required and never null unless it is declared {@code @Nullable}; no property
     * beyond the record's is allowed, so a renamed or added field shows up as a failed check, not a silent drift.
     */
    private static SchemaGenerator generator() {
        var config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        Option.STANDARD_FORMATS);
        config.forFields()
                .withRequiredCheck(field -> !declaredNullable(field))
                .withNullableCheck(EventSchemasTest::declaredNullable);
        config.forTypesInGeneral().withTitleResolver(scope -> scope.getType().getErasedType()
                .getEnclosingClass() == null ? null : scope.getType().getErasedType().getSimpleName());
        return new SchemaGenerator(config.build());
    }

    private static boolean declaredNullable(FieldScope field) {
        return field.getRawMember().getAnnotatedType().isAnnotationPresent(Nullable.class);
    }

    private static String generated(Class<?> eventType) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(GENERATOR.generateSchema(eventType)) + "\n";
    }

    private static @Nullable String published(Class<?> eventType) {
        try (var in = EventSchemas.class.getClassLoader().getResourceAsStream(EventSchemas.resourceOf(eventType))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPublishedEventHasTheSchemaItsRecordDescribes() throws IOException {
        if (Boolean.getBoolean("emporium.schemas.write")) {
            for (var type : EventSchemas.publishedTypes()) {
                var file = RESOURCES.resolve(EventSchemas.resourceOf(type));
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated(type));
            }
            return;
        }
        assertThat(EventSchemas.publishedTypes()).hasSizeGreaterThanOrEqualTo(24).allSatisfy(type -> {
            var published = published(type);
            assertThat(published).as("schema of %s at %s", type.getName(), EventSchemas.resourceOf(type)).isNotNull();
            assertThat(JSON.readTree(published)).as("schema of %s", type.getName())
                    .isEqualTo(JSON.readTree(generated(type)));
        });
    }

    @Test
    void everyPublishedEventTypeHasAFileOfItsOwn() {
        assertThat(EventSchemas.publishedTypes().stream().map(EventSchemas::resourceOf)).doesNotHaveDuplicates();
    }

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static List<String> violations(Class<?> eventType, String json) {
        return SCHEMAS.getSchema(SchemaLocation.of(EventSchemas.uriOf(eventType)))
                .validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static final Money PRICE = Money.of(1250, "EUR");

    @Test
    void acceptsEventsAsJacksonWritesThem() {
        var events = List.<Object>of(
                new ProductDefined("SKU-1", new ProductDetails("Mug", "Stoneware", "kitchen", Map.of("colour", "red")),
                        PRICE),
                new OrderPlaced("o-1", "c-1", List.of(new OrderLine("SKU-1", 2, PRICE)), PRICE.times(2),
                        new PaymentCard("tok_1", "visa", "4242"), Instant.parse("2026-12-02T10:15:30.123Z")),
                new CartCheckedOut("cart-1", "c-1", "o-1", List.of(new CartLine("SKU-1", 1, PRICE))),
                new CustomerRegistered("c-1", new SealedData("c-1", "f", "x"), null));

        assertThat(events).allSatisfy(event ->
                assertThat(violations(event.getClass(), JSON.writeValueAsString(event))).isEmpty());
    }

    @Test
    void rejectsAnEventMissingARequiredField() {
        assertThat(violations(OrderPlaced.class, """
                {"orderId": "o-1", "customerId": "c-1", "lines": [], "total": {"minorUnits": 0, "currency": "EUR"},
                 "placedAt": "2026-12-02T10:15:30Z"}""")).singleElement().asString().contains("card");
    }

    @Test
    void rejectsAnEventWithAPropertyItsRecordDoesNotHave() {
        assertThat(violations(OrderPlaced.class, """
                {"orderId": "o-1", "customerId": "c-1", "lines": [], "total": {"minorUnits": 0, "currency": "EUR"},
                 "card": {"token": "t", "brand": "visa", "last4": "4242"}, "placedAt": "2026-12-02T10:15:30Z",
                 "pan": "4242424242424242"}""")).singleElement().asString().contains("pan");
    }

    @Test
    void theEnvelopeSchemaRequiresTheCloudEventsAttributesAndThePosition() {
        var envelope = SCHEMAS.getSchema(SchemaLocation.of("classpath:/" + EventSchemas.ENVELOPE_RESOURCE));
        JsonNode valid = JSON.readTree("""
                {"specversion": "1.0", "id": "e-1", "source": "/emporium/orders",
                 "type": "io.emporium.orders.OrderShipped", "time": "2026-12-02T10:15:30.123Z", "subject": "o-1",
                 "datacontenttype": "application/json",
                 "dataschema": "classpath:/io/emporium/contracts/schemas/order/OrderShipped.json",
                 "position": 42, "sequence": 3, "correlationid": "r-1", "causationid": null,
                 "data": {"orderId": "o-1"}}""");
        assertThat(envelope.validate(valid)).isEmpty();

        var withoutPosition = valid.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) withoutPosition).remove("position");
        assertThat(envelope.validate(withoutPosition)).singleElement().asString().contains("position");
    }
}
