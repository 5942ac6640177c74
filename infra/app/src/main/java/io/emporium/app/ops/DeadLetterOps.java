package io.emporium.app.ops;

import io.emporium.projections.RefusedRequest;
import io.emporium.projections.deadletter.DeadLetters;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /ops/dead-letters}: the events each read-model processor parked because it could not apply them, per
 * aggregate (sequence), with why; retry a sequence once its cause is fixed, or evict it. Served where the projections
 * role runs.
 */
@RestController
@RequestMapping("/ops/dead-letters")
class DeadLetterOps {

    /** Sequences listed per processor unless asked otherwise, and at most. */
    private static final String SHOWN = "20";
    private static final int MAX_SHOWN = 1000;

    private final ObjectProvider<DeadLetters> deadLetters;

    DeadLetterOps(ObjectProvider<DeadLetters> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Mono<List<DeadLetters.Queue>> all(@RequestParam(defaultValue = SHOWN) int sequences) {
        var shown = shown(sequences);
        return blocking(letters -> letters.all(shown));
    }

    @GetMapping("/{processor}")
    Mono<DeadLetters.Queue> queue(@PathVariable String processor,
                                  @RequestParam(defaultValue = SHOWN) int sequences) {
        var shown = shown(sequences);
        return blocking(letters -> letters.queue(processor, shown));
    }

    @GetMapping("/{processor}/sequences/{sequence}")
    Mono<DeadLetters.Sequence> sequence(@PathVariable String processor, @PathVariable String sequence) {
        return blocking(letters -> letters.sequence(processor, sequence));
    }

    /** Retries the sequence touched longest ago. */
    @PostMapping("/{processor}/retry")
    Mono<DeadLetters.Retry> retryOldest(@PathVariable String processor) {
        return blocking(letters -> letters.retryOldest(processor));
    }

    @PostMapping("/{processor}/sequences/{sequence}/retry")
    Mono<DeadLetters.Retry> retry(@PathVariable String processor, @PathVariable String sequence) {
        return blocking(letters -> letters.retry(processor, sequence));
    }

    /** Gives up on the sequence's events: the read model never sees them, short of a rebuild. */
    @DeleteMapping("/{processor}/sequences/{sequence}")
    Mono<ResponseEntity<Void>> evict(@PathVariable String processor, @PathVariable String sequence) {
        return blocking(letters -> {
            letters.evict(processor, sequence);
            return ResponseEntity.noContent().build();
        });
    }

    @ExceptionHandler({DeadLetters.UnknownProcessor.class, DeadLetters.UnknownSequence.class})
    ResponseEntity<ProblemDetail> unknown(RuntimeException unknown) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage()));
    }

    @ExceptionHandler(DeadLetters.SequenceBusy.class)
    ResponseEntity<ProblemDetail> busy(DeadLetters.SequenceBusy busy) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, busy.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static int shown(int sequences) {
        if (sequences < 1 || sequences > MAX_SHOWN) {
            throw new RefusedRequest("sequences", "must be between 1 and " + MAX_SHOWN + ", was " + sequences);
        }
        return sequences;
    }

    /** Every call reads or writes PostgreSQL: off the event loop. */
    private <T> Mono<T> blocking(Function<DeadLetters, T> call) {
        return Mono.fromCallable(() -> call.apply(deadLetters())).subscribeOn(Schedulers.boundedElastic());
    }

    private DeadLetters deadLetters() {
        var available = deadLetters.getIfAvailable();
        if (available == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Dead letters are kept where the projections role runs; it is off on this instance.");
        }
        return available;
    }
}
