package io.emporium.app.ops;

import io.emporium.projections.RefusedDocuments;
import io.emporium.projections.RefusedRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /ops/refused-documents}: the documents Elasticsearch refused for good and the search projections set aside
 * (with the event's position and Elasticsearch's reason), latest first. Served where the projections role runs.
 */
@RestController
class RefusedDocumentOps {

    private static final int MAX_LIMIT = 1_000;

    private final ObjectProvider<RefusedDocuments.InPostgres> refused;

    RefusedDocumentOps(ObjectProvider<RefusedDocuments.InPostgres> refused) {
        this.refused = refused;
    }

    @GetMapping("/ops/refused-documents")
    Mono<List<RefusedDocuments.Recorded>> latest(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(new RefusedRequest("limit", "must be between 1 and " + MAX_LIMIT));
        }
        var available = refused.getIfAvailable();
        if (available == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Refused documents are kept where the projections role runs; it is off on this instance."));
        }
        return Mono.fromCallable(() -> available.latest(limit)).subscribeOn(Schedulers.boundedElastic());
    }
}
