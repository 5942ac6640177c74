package io.emporium.command.checkout;

import io.emporium.command.payment.CardDetails;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.contracts.order.PaymentCard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How a client pays at checkout: with a card, which goes to the payment service provider for a token inside the
 * request, before any command exists; or with a token the PSP already issued to the storefront (its payment
 * script tokenized the card in the browser, or the customer saved the card earlier), so that neither the card nor
 * a call to the PSP is on the request's path. Either way only the token travels on. Its string form never shows
 * the number or the code.
 */
public record PaymentRequest(@Valid @Nullable Card card, @Valid @Nullable Token cardToken) {

    public record Card(@NotNull @Pattern(regexp = "[0-9]{12,19}") @Nullable String number,
                       @NotNull @Min(1) @Max(12) @Nullable Integer expMonth,
                       @NotNull @Min(2000) @Max(2100) @Nullable Integer expYear,
                       @NotNull @Pattern(regexp = "[0-9]{3,4}") @Nullable String cvc) {

        @Override
        public String toString() {
            return "Card[****, " + expMonth + "/" + expYear + "]";
        }
    }

    /**
     * A card token as the PSP's client library returns it to the storefront. Brand and last four digits are what
     * the customer is shown; the PSP charges the token alone and declines one it did not issue
     * ({@code invalid_token}), which rejects the order like any other decline.
     */
    public record Token(@NotNull @Pattern(regexp = "tok_[A-Za-z0-9]{1,64}") @Nullable String token,
                        @NotNull @Pattern(regexp = "[a-z_]{1,32}") @Nullable String brand,
                        @NotNull @Pattern(regexp = "[0-9]{4}") @Nullable String last4) {}

    @AssertTrue(message = "pay with either a card or a cardToken, not both")
    boolean isOneWayToPay() {
        return (card == null) != (cardToken == null);
    }

    /** What identifies the request for its idempotency fingerprint, without card secrets (a hash of a PAN is one). */
    public Object fingerprint() {
        if (cardToken != null) {
            return cardToken;
        }
        var given = Objects.requireNonNull(card);
        var number = Objects.requireNonNull(given.number());
        return new Fingerprint(number.substring(number.length() - 4), given.expMonth(), given.expYear());
    }

    record Fingerprint(String last4, @Nullable Integer expMonth, @Nullable Integer expYear) {}

    /** The card as a token, without holding the caller's thread while the PSP answers. */
    public Mono<PaymentCard> tokenizeWith(PaymentGateway payments) {
        if (cardToken != null) {
            return Mono.just(new PaymentCard(Objects.requireNonNull(cardToken.token()),
                    Objects.requireNonNull(cardToken.brand()), Objects.requireNonNull(cardToken.last4())));
        }
        var given = Objects.requireNonNull(card);
        return payments.tokenizeAsync(new CardDetails(Objects.requireNonNull(given.number()),
                        Objects.requireNonNull(given.expMonth()), Objects.requireNonNull(given.expYear()),
                        Objects.requireNonNull(given.cvc())))
                .map(token -> new PaymentCard(token.token(), token.brand(), token.last4()));
    }
}
