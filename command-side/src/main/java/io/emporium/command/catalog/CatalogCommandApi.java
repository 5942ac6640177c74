package io.emporium.command.catalog;

import io.emporium.command.catalog.ProductRequests.DefineProductRequest;
import io.emporium.command.catalog.ProductRequests.UpdateDetailsRequest;
import io.emporium.command.http.CommandRequests;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.command.http.PriceRequest;
import io.emporium.contracts.catalog.CatalogCommand;
import io.emporium.contracts.catalog.CatalogCommand.ActivateProduct;
import io.emporium.contracts.catalog.CatalogCommand.ChangePrice;
import io.emporium.contracts.catalog.CatalogCommand.DefineProduct;
import io.emporium.contracts.catalog.CatalogCommand.DiscontinueProduct;
import io.emporium.contracts.catalog.CatalogCommand.UpdateProductDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The catalog's HTTP commands: define, activate, reprice, describe and discontinue products. */
@RestController
class CatalogCommandApi {

    private final CommandRequests requests;

    CatalogCommandApi(CommandRequests requests) {
        this.requests = requests;
    }

    /** What the client learns on success: which product, and what was asked of it. */
    record ProductChanged(String sku, String change) {}

    @PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> define(ServerHttpRequest http, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY,
            required = false) @Nullable String key, @Valid @RequestBody DefineProductRequest body) {
        var sku = Objects.requireNonNull(body.sku());
        return send(http, key, body, new DefineProduct(sku, body.details(), Objects.requireNonNull(body.price())
                .toMoney()), Success.created("/products/" + sku, new ProductChanged(sku, "DEFINED")));
    }

    @PostMapping("/products/{sku}/activate")
    Mono<ResponseEntity<?>> activate(ServerHttpRequest http, @PathVariable @Pattern(regexp = ProductRequests.SKU)
            String sku, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        return send(http, key, null, new ActivateProduct(sku), Success.ok(new ProductChanged(sku, "ACTIVATED")));
    }

    @PutMapping(path = "/products/{sku}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> changePrice(ServerHttpRequest http, @PathVariable @Pattern(regexp = ProductRequests.SKU)
            String sku, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @Valid @RequestBody PriceRequest body) {
        return send(http, key, body, new ChangePrice(sku, body.toMoney()),
                Success.ok(new ProductChanged(sku, "PRICE_CHANGED")));
    }

    @PatchMapping(path = "/products/{sku}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    Mono<ResponseEntity<?>> updateDetails(ServerHttpRequest http, @PathVariable
            @Pattern(regexp = ProductRequests.SKU) String sku, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY,
            required = false) @Nullable String key, @Valid @RequestBody UpdateDetailsRequest body) {
        return send(http, key, body, new UpdateProductDetails(sku, body.name(), body.description(), body.category(),
                body.attributes()), Success.ok(new ProductChanged(sku, "DETAILS_UPDATED")));
    }

    @PostMapping("/products/{sku}/discontinue")
    Mono<ResponseEntity<?>> discontinue(ServerHttpRequest http, @PathVariable
            @Pattern(regexp = ProductRequests.SKU) String sku, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY,
            required = false) @Nullable String key) {
        return send(http, key, null, new DiscontinueProduct(sku), Success.ok(new ProductChanged(sku, "DISCONTINUED")));
    }

    private Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String key, @Nullable Object body,
                                         CatalogCommand command, Success success) {
        return requests.send(http, key, body, command, Product.idOf(command.sku()), success);
    }
}
