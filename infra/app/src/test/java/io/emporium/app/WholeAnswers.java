package io.emporium.app;

import java.net.URI;
import java.util.function.Function;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tests' HTTP client reads each answer whole as it arrives and hands its body on from memory; only Server-Sent
 * Events still stream. A test that checks an answer's status alone never reads its body, and {@code WebTestClient}
 * then never releases the network buffers that hold it: every such answer was a leak that {@link NettyLeaks}
 * reported (14 in CatalogApiIT alone, session note of 2026-12-06), which would hide a leak of the engine's own.
 */
@TestConfiguration(proxyBeanMethods = false)
class WholeAnswers {

    @Bean
    WebTestClientBuilderCustomizer wholeAnswers() {
        return builder -> builder.clientConnector(new Connector(new ReactorClientHttpConnector()));
    }

    private record Connector(ClientHttpConnector network) implements ClientHttpConnector {

        @Override
        public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
                Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
            return network.connect(method, uri, requestCallback).flatMap(Connector::readWhole);
        }

        private static Mono<ClientHttpResponse> readWhole(ClientHttpResponse response) {
            if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(response.getHeaders().getContentType())) {
                return Mono.just(response);
            }
            return DataBufferUtils.join(response.getBody()).map(Connector::copyAndRelease)
                    .defaultIfEmpty(new byte[0])
                    .map(body -> new InMemory(response, body));
        }

        private static byte[] copyAndRelease(DataBuffer joined) {
            try {
                var bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                return bytes;
            } finally {
                DataBufferUtils.release(joined);
            }
        }
    }

    /** An answer whose body was read already; each reader gets its own view of the same bytes. */
    private static final class InMemory extends ClientHttpResponseDecorator {

        private final byte[] body;

        InMemory(ClientHttpResponse read, byte[] body) {
            super(read);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body.length == 0 ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
