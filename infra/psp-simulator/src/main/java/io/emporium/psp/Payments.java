package io.emporium.psp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.emporium.psp.Cards.TokenizedCard;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The payments the PSP holds and their lifecycle: an authorization reserves money on the card, a capture takes it,
 * a void releases an authorization that was never captured, a refund gives back what was captured. Each step that
 * happens is written to the {@link Ledger}.
 */
final class Payments {

    enum Status {
        AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A payment as the API shows it; {@code declineCode} only for a declined one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payment(String id, String status, @Nullable String declineCode, long amount, String currency,
                   String reference, String idempotencyKey, String brand, String last4, String created) {

        Status lifecycle() {
            return Status.valueOf(status.toUpperCase(Locale.ROOT));
        }

        Payment in(Status next) {
            return new Payment(id, next.json(), declineCode, amount, currency, reference, idempotencyKey, brand,
                    last4, created);
        }
    }

    /** What a client asks to be authorized. */
    record Authorization(long amount, String currency, String token, String reference) {}

    private final Map<String, Payment> byId = new HashMap<>();
    private final Map<String, String> idByKey = new HashMap<>();
    private final Ledger ledger;
    private final Clock clock;

    Payments(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Authorizes or declines: the test card decides, unless a fault forces a decline.
     *
     * @param forcedDecline a decline code that overrides the card's own outcome
     */
    Payment authorize(String idempotencyKey, Authorization request, TokenizedCard card,
            @Nullable String forcedDecline) {
        var declineCode = forcedDecline != null ? forcedDecline : card.declineCode();
        var status = declineCode == null ? Status.AUTHORIZED : Status.DECLINED;
        var now = clock.instant();
        var payment = new Payment(Ids.next("pay_"), status.json(), declineCode, request.amount(), request.currency(),
                request.reference(), idempotencyKey, card.brand(), card.last4(), now.toString());
        synchronized (this) {
            byId.put(payment.id(), payment);
            idByKey.put(idempotencyKey, payment.id());
            ledger.record("authorization", payment, idempotencyKey, status.json(), now);
        }
        return payment;
    }

    Payment capture(String id, String idempotencyKey) {
        return move(id, idempotencyKey, "capture", Status.AUTHORIZED, Status.CAPTURED);
    }

    Payment voidAuthorization(String id, String idempotencyKey) {
        return move(id, idempotencyKey, "void", Status.AUTHORIZED, Status.VOIDED);
    }

    Payment refund(String id, String idempotencyKey) {
        return move(id, idempotencyKey, "refund", Status.CAPTURED, Status.REFUNDED);
    }

    synchronized Optional<Payment> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The payment that the authorization with this idempotency key created, once it exists. */
    synchronized Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        return Optional.ofNullable(idByKey.get(idempotencyKey)).map(byId::get);
    }

    private synchronized Payment move(String id, String idempotencyKey, String operation, Status from, Status to) {
        var payment = byId.get(id);
        if (payment == null) {
            throw PspError.notFound("payment_not_found", "no payment " + id);
        }
        if (payment.lifecycle() != from) {
            throw PspError.stateConflict(operation, payment.status());
        }
        var moved = payment.in(to);
        byId.put(id, moved);
        ledger.record(operation, moved, idempotencyKey, "succeeded", clock.instant());
        return moved;
    }
}
