package io.emporium.command.checkout;

import io.emporium.command.payment.CardDetails;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.contracts.order.PaymentCard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How a client pays at checkout. The card goes to the payment service provider for a token inside the request,
 * before any command exists; only the token travels on. Its string form never shows the number or the code.
 */
public record PaymentRequest(@NotNull @Valid @Nullable Card card) {

    public record Card(@NotNull @Pattern(regexp = "[0-9]{12,19}") @Nullable String number,
                       @NotNull @Min(1) @Max(12) @Nullable Integer expMonth,
                       @NotNull @Min(2000) @Max(2100) @Nullable Integer expYear,
                       @NotNull @Pattern(regexp = "[0-9]{3,4}") @Nullable String cvc) {

        @Override
        public String toString() {
            return "Card[****, " + expMonth + "/" + expYear + "]";
        }
    }

    /** What identifies the request for its idempotency fingerprint, without card secrets (a hash of a PAN is one). */
    public Object fingerprint() {
        var given = Objects.requireNonNull(card);
        var number = Objects.requireNonNull(given.number());
        return new Fingerprint(number.substring(number.length() - 4), given.expMonth(), given.expYear());
    }

    record Fingerprint(String last4, @Nullable Integer expMonth, @Nullable Integer expYear) {}

    /** The card as a token, without holding the caller's thread while the PSP answers. */
    public Mono<PaymentCard> tokenizeWith(PaymentGateway payments) {
        var given = Objects.requireNonNull(card);
        return payments.tokenizeAsync(new CardDetails(Objects.requireNonNull(given.number()),
                        Objects.requireNonNull(given.expMonth()), Objects.requireNonNull(given.expYear()),
                        Objects.requireNonNull(given.cvc())))
                .map(token -> new PaymentCard(token.token(), token.brand(), token.last4()));
    }
}
