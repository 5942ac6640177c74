package io.emporium.projections.deadletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard a read-model processor tries an event before it parks it as a dead letter: the first attempt, then
 * {@code retries} more, each after a pause that starts at {@code backoff} and doubles up to {@code maxBackoff}.
 * The defaults give a failing event four attempts within 0.7 s: long enough to ride out a deadlock or a
 * momentary timeout, short enough that the segment's other aggregates wait no longer than that.
 */
@ConfigurationProperties("emporium.dead-letters")
public record DeadLetterProperties(@DefaultValue("3") int retries, @DefaultValue("100ms") Duration backoff,
                                   @DefaultValue("2s") Duration maxBackoff) {

    public DeadLetterProperties {
        if (retries < 0) {
            throw new IllegalArgumentException("emporium.dead-letters.retries must not be negative: " + retries);
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("emporium.dead-letters.backoff must be at least zero and at most "
                    + "max-backoff: " + backoff + ", " + maxBackoff);
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration pauseBefore(int retry) {
        var pause = backoff;
        for (int i = 1; i < retry && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    /** Attempts an event gets before it is dead-lettered. */
    int attempts() {
        return retries + 1;
    }
}
