package io.emporium.psp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every money movement the PSP made, in order: authorizations (declined ones too), captures, voids and refunds. It
 * records what really happened, also when the answer to the client was lost, so tests can prove that no intent was
 * charged twice.
 */
final class Ledger {

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param type   authorization, capture, void or refund
     * @param status authorized or declined for an authorization; succeeded for the others
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(long sequence, String type, String paymentId, String idempotencyKey, String reference, long amount,
                 String currency, String status, @Nullable String declineCode, String at) {}

    synchronized void record(String type, Payments.Payment payment, String idempotencyKey, String status,
            Instant at) {
        entries.add(new Entry(entries.size() + 1L, type, payment.id(), idempotencyKey, payment.reference(),
                payment.amount(), payment.currency(), status, payment.declineCode(), at.toString()));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
