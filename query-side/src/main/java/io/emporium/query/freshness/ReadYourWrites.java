package io.emporium.query.freshness;

import io.emporium.query.InvalidQueryParameterException;
import io.emporium.query.freshness.ChangeNotices.Channel;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads that show the client's own write: the client passes the position a command returned (parameter
 * {@code position} or header {@value #POSITION_HEADER}), and the read waits, bounded, until the row shows it.
 */
@Component
public class ReadYourWrites {

    public static final String POSITION_HEADER = "Emporium-Position";

    private final ChangeNotices notices;
    private final Duration timeout;

    ReadYourWrites(ChangeNotices notices,
                   @Value("${emporium.query.read-your-writes-timeout:2s}") Duration timeout) {
        this.notices = notices;
        this.timeout = timeout;
    }

    /**
     * The row as {@code read} finds it once it shows {@code position}, or at once without a position. Listens
     * first, then reads, and reads again on every notice about this row; a 503 problem when the bound passes.
     *
     * <p>Every notice leads to a read, even one announcing a position below the one asked for: whether a row shows
     * a write is {@code positionOf}'s to say. A checked-out cart shows its checkout at its own, lower position than
     * the order the checkout placed, whose position the client holds.
     */
    public <T> Mono<T> read(Channel channel, String id, @Nullable Long position, Supplier<Mono<T>> read,
                            ToLongFunction<T> positionOf) {
        if (position == null) {
            return read.get();
        }
        return notices.of(channel, id)
                .onBackpressureLatest()
                .concatMap(change -> read.get(), 1)
                .filter(row -> positionOf.applyAsLong(row) >= position)
                .next()
                .timeout(timeout, Mono.error(() -> new NotYetVisibleException(position,
                        "This read does not show position " + position + " yet; retry shortly.")));
    }

    /** The position asked for, by parameter or header; null for none. */
    public static @Nullable Long position(@Nullable Long parameter, @Nullable String header) {
        if (parameter != null) {
            if (parameter < 0) {
                throw new InvalidQueryParameterException("position", "must be a position a command returned");
            }
            return parameter;
        }
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            var parsed = Long.parseLong(header.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryParameterException(POSITION_HEADER, "must be a position a command returned");
    }
}
