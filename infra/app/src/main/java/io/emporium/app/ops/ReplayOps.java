package io.emporium.app.ops;

import io.emporium.projections.stream.Replays;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /ops/replays}: replay the event history, or part of it, into a new versioned topic, and follow its progress
 * (done, total, rate, time left). Served where the projections role runs.
 */
@RestController
class ReplayOps {

    private final ObjectProvider<Replays> replays;

    ReplayOps(ObjectProvider<Replays> replays) {
        this.replays = replays;
    }

    @PostMapping(path = "/ops/replays", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Replays.Progress>> start(@RequestBody Replays.Request request) {
        return Mono.fromCallable(() -> replays().start(request)).subscribeOn(Schedulers.boundedElastic())
                .map(progress -> ResponseEntity.accepted().location(URI.create("/ops/replays/" + progress.id()))
                        .body(progress));
    }

    @GetMapping("/ops/replays")
    List<Replays.Progress> all() {
        return replays().all();
    }

    @GetMapping("/ops/replays/{id}")
    Replays.Progress one(@PathVariable String id) {
        return replays().progress(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No replay " + id + " is known on this instance."));
    }

    private Replays replays() {
        var available = replays.getIfAvailable();
        if (available == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Replays run where the projections role runs; it is off on this instance.");
        }
        return available;
    }
}
