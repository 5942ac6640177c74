package io.emporium.command.catalog;

import io.emporium.command.http.PriceRequest;
import io.emporium.contracts.catalog.ProductDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The bodies of the catalog's HTTP commands, validated before anything runs. */
final class ProductRequests {

    /** Facts such as colour or size: at most 50, with short names. */
    private static final int MAX_ATTRIBUTES = 50;

    /** SKUs appear in URLs and aggregate ids: letters, digits and a few separators. */
    static final String SKU = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private ProductRequests() {}

    record DefineProductRequest(
            @NotNull @Pattern(regexp = SKU) @Nullable String sku,
            @NotBlank @Size(max = 200) @Nullable String name,
            @NotNull @Size(max = 5000) @Nullable String description,
            @NotBlank @Size(max = 100) @Nullable String category,
            @Size(max = MAX_ATTRIBUTES)
            @Nullable Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 500) String> attributes,
            @NotNull @Valid @Nullable PriceRequest price) {

        ProductDetails details() {
            return new ProductDetails(Objects.requireNonNull(name), Objects.requireNonNull(description),
                    Objects.requireNonNull(category), attributes == null ? Map.of() : attributes);
        }
    }

    /** A JSON merge patch of what customers read: absent fields stay as they are. */
    record UpdateDetailsRequest(
            @Size(min = 1, max = 200) @Nullable String name,
            @Size(max = 5000) @Nullable String description,
            @Size(min = 1, max = 100) @Nullable String category,
            @Size(max = MAX_ATTRIBUTES)
            @Nullable Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 500) String> attributes) {

        @AssertTrue(message = "must change at least one of name, description, category, attributes")
        boolean isChangingSomething() {
            return name != null || description != null || category != null || attributes != null;
        }
    }
}
