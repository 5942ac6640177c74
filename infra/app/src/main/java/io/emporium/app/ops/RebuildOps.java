package io.emporium.app.ops;

import io.emporium.projections.rebuild.Rebuilds;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /ops/rebuilds}: rebuild a read model blue/green (built beside the serving version, checked, switched at
 * once) and follow its progress (done, total, rate, time left, checks). Served where the projections role runs.
 */
@RestController
class RebuildOps {

    private final ObjectProvider<Rebuilds> rebuilds;

    RebuildOps(ObjectProvider<Rebuilds> rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping(path = "/ops/rebuilds", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Rebuilds.Progress>> start(@RequestBody Rebuilds.Request request) {
        return Mono.fromCallable(() -> rebuilds().start(request)).subscribeOn(Schedulers.boundedElastic())
                .map(progress -> ResponseEntity.accepted().location(URI.create("/ops/rebuilds/" + progress.id()))
                        .body(progress));
    }

    @GetMapping("/ops/rebuilds")
    List<Rebuilds.Progress> all() {
        return rebuilds().all();
    }

    @GetMapping("/ops/rebuilds/{id}")
    Rebuilds.Progress one(@PathVariable String id) {
        return rebuilds().progress(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No rebuild " + id + " is known on this instance."));
    }

    @ExceptionHandler(Rebuilds.Busy.class)
    ResponseEntity<ProblemDetail> busy(Rebuilds.Busy busy) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, busy.getMessage()));
    }

    private Rebuilds rebuilds() {
        var available = rebuilds.getIfAvailable();
        if (available == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Rebuilds run where the projections role runs; it is off on this instance.");
        }
        return available;
    }
}
