package io.emporium.bench.baseline;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.server.HttpServer;

/**
 * The least a WebFlux endpoint can cost: one RouterFunction on Reactor Netty, without Spring Boot, answering a
 * fixed JSON document about the size of a product's detail. Run as its own process, so that it competes for the
 * cores exactly as the engine does.
 */
public final class BareWebFlux {

    public static final String PATH = "/products/bare";

    static final String BODY = """
            {"sku":"SKU-MUG","name":"Enamel mug","description":"A white enamel mug with a blue rim, 350 ml.",\
            "category":"kitchen","price":{"minorUnits":1250,"currency":"EUR"},"available":42,"inStock":true,\
            "status":"ACTIVE"}""";

    private BareWebFlux() {
    }

    /** @param args the loopback port to listen on */
    public static void main(String[] args) {
        var route = RouterFunctions.route(GET(PATH),
                request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(BODY));
        var server = HttpServer.create()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(route)))
                .bindNow();
        server.onDispose().block();
    }
}
