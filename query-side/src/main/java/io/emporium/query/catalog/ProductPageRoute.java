package io.emporium.query.catalog;

import static org.springframework.web.reactive.function.server.RequestPredicates.methods;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.emporium.contracts.catalog.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Set;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A product's page, the storefront's busiest read, as a functional route rather than an annotated mapping. WebFlux
 * finds an annotated mapping whose path has a variable by testing every annotated mapping of the engine, and then
 * resolves the method's arguments and its return value through generic machinery, on every request (a fifth of the
 * engine's CPU serving cached pages, async-profiler); a route is one predicate and one function. Interleaved runs of
 * 64 users reading 50 cached pages (issue 4's note of 2026-12-05 has the commands): 17,434 and 18,589 pages/s at
 * 53.5 and 50.2 us of engine CPU each as a mapping, 24,005 and 24,047 at 36.1 and 36.0 us as this route. Its errors
 * are problems all the same: the ones it raises carry their answer, and the engine answers errors raised outside
 * controllers as application/problem+json. A page memory already holds, asked for plainly, is sent before any of
 * this by {@link CachedPageShortcut}; the route answers the rest (a page to load, a product not on sale, a HEAD, a
 * client that wants another type).
 */
@Configuration(proxyBeanMethods = false)
class ProductPageRoute {

    private static final String PATH = "/products/{sku}";
    /** Routes are asked before annotated mappings, so the searches' literal paths are left to them here. */
    static final Set<String> SEARCHES = Set.of(CatalogQueryApi.SEARCH, CatalogQueryApi.SUGGEST);
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON);

    @Bean
    @RouterOperation(path = PATH, method = RequestMethod.GET, produces = MediaType.APPLICATION_JSON_VALUE,
            operation = @Operation(operationId = "product", summary = "A product's page",
                    description = "On sale or discontinued; a draft or an unknown SKU is not found.",
                    parameters = @Parameter(in = ParameterIn.PATH, name = "sku", required = true),
                    responses = {
                        @ApiResponse(responseCode = "200", description = "The product's page", content = @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = ProductView.class))),
                        @ApiResponse(responseCode = "406", description = "The client accepts no JSON",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        schema = @Schema(ref = "#/components/schemas/ProblemDetail")))}))
    RouterFunction<ServerResponse> productPage(ProductDetailCache cache) {
        return RouterFunctions.route(methods(HttpMethod.GET, HttpMethod.HEAD).and(path(PATH))
                .and(request -> !SEARCHES.contains(request.path())), new ProductPage(cache));
    }

    /**
     * The route's handler, with a fixed description: WebFlux describes every result by its handler ("Handler " +
     * the handler) for its error checkpoints, and a lambda's description is its generated class name and identity
     * hash, built anew for each page: 5.6 % of the engine's allocation samples at 23,000 pages/s (async-profiler;
     * session note of 2026-12-06).
     */
    private record ProductPage(ProductDetailCache cache) implements HandlerFunction<ServerResponse> {

        @Override
        public Mono<ServerResponse> handle(ServerRequest request) {
            return page(cache, request);
        }

        @Override
        public String toString() {
            return "product page";
        }
    }

    /**
     * Sent as the JSON the cache keeps, with its type and length stated, written as it is: a hit neither encodes nor
     * negotiates, nor looks for a writer among the codecs, as an entity response did (it also copied its headers
     * twice): 19.0 KB allocated per page instead of 20.5 (async-profiler, 64 users on 50 cached pages; the engine's
     * CPU per page moved within the noise). A client that accepts no JSON is refused.
     */
    private static Mono<ServerResponse> page(ProductDetailCache cache, ServerRequest request) {
        var sku = request.pathVariable("sku");
        if (!acceptsJson(request.headers().accept())) {
            return Mono.error(new NotAcceptableStatusException(OFFERED));
        }
        return Mono.defer(() -> cache.get(CatalogParameters.find(sku).sku()))
                .flatMap(page -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).contentLength(page.length)
                        .body(BodyInserters.fromDataBuffers(Mono.fromSupplier(() ->
                                DefaultDataBufferFactory.sharedInstance.wrap(page)))))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No product " + sku + " is on sale (yet).")));
    }

    static boolean acceptsJson(List<MediaType> accepted) {
        return accepted.isEmpty() || accepted.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
    }
}
