package io.emporium.command.payment;

import io.emporium.command.payment.Authorization.Authorized;
import io.emporium.command.payment.Authorization.Declined;
import io.emporium.command.payment.PaymentChange.Changed;
import io.emporium.command.payment.PaymentChange.Refused;
import io.emporium.command.payment.PspReply.Answered;
import io.emporium.command.payment.PspReply.Unanswered;
import io.emporium.contracts.money.Money;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@link PaymentGateway} over a Stripe-like PSP's HTTP API, which infra/psp-simulator speaks.
 *
 * <p>A request that gets no answer (timeout, refused or dropped connection), or a 5xx, a 429 or "key in use", has an
 * unknown outcome: the PSP may have acted. An authorization's unknown outcome is resolved by looking the payment up
 * under the intent's idempotency key, never by charging again blindly; only a confirmed absence sends the
 * authorization again, and with the same key, so a PSP still busy with the first request cannot charge twice.
 * Captures, voids and refunds are sent again under their own key, to which the PSP replays its first answer.
 * Attempts are bounded and spaced by a jittered exponential backoff; past them the outcome stays unknown and the
 * caller gets a {@link PaymentUnavailableException}, after which retrying the same intent is safe.
 */
public final class PspPaymentGateway implements PaymentGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PspPaymentGateway.class);
    private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final PspApi psp;
    private final RetryRegistry retries;
    private final int maxAttempts;
    private final IntervalFunction backoff;

    /**
     * @param maxAttempts tries per call, the first included; only attempts with an unknown outcome are retried
     * @param backoff     the pause before each retry
     */
    PspPaymentGateway(PspApi psp, int maxAttempts, IntervalFunction backoff) {
        this.psp = psp;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(backoff)
                .retryOnException(OutcomeUnknown.class::isInstance)
                .build());
    }

    /** A gateway to the PSP the properties name, with their timeouts and retries. */
    public static PspPaymentGateway over(PspProperties properties) {
        return new PspPaymentGateway(
                new PspHttpClient(properties.url(), properties.connectTimeout(), properties.requestTimeout()),
                properties.maxAttempts(), IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(),
                        2.0, 0.5, properties.maxBackoff()));
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        return Objects.requireNonNull(tokenizeAsync(card).block());
    }

    /** Waits for the PSP without holding a thread: a request's event loop sends the card and goes on serving. */
    @Override
    public Mono<CardToken> tokenizeAsync(CardDetails card) {
        var body = JsonNodeFactory.instance.objectNode()
                .put("number", card.number())
                .put("expMonth", card.expMonth())
                .put("expYear", card.expYear())
                .put("cvc", card.cvc());
        return Mono.defer(() -> psp.postAsync("/v1/tokens", null, body)).map(reply -> switch (reply) {
                    case Answered answer when answer.status() == 201 ->
                            new CardToken(answer.text("token"), answer.text("brand"), answer.text("last4"));
                    case Answered answer when answer.status() == 400 && answer.errorType().equals("card_error") ->
                            throw new InvalidCardException(answer.errorCode(), answer.errorParam());
                    case Answered answer when answer.leavesOutcomeUnknown() -> throw unknown("tokenize", "", answer);
                    case Answered answer -> throw unexpected("tokenize", answer);
                    case Unanswered none -> throw unknown("tokenize", "", none);
                })
                // The same attempts and pauses as the blocking calls' retries (see the constructor).
                .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                    var attempt = signal.totalRetries() + 1;
                    return signal.failure() instanceof OutcomeUnknown && attempt < maxAttempts
                            ? Mono.delay(Duration.ofMillis(backoff.apply(Math.toIntExact(attempt))))
                            : Mono.error(signal.failure());
                })))
                .onErrorMap(OutcomeUnknown.class, e -> new PaymentUnavailableException("tokenize", "",
                        e.getMessage()));
    }

    @Override
    public Authorization authorize(PaymentIntent intent) {
        var key = intent.idempotencyKey();
        var body = JsonNodeFactory.instance.objectNode()
                .put("amount", intent.amount().minorUnits())
                .put("currency", intent.amount().currency())
                .put("token", intent.card().token())
                .put("reference", intent.reference());
        var mayExist = new AtomicBoolean();
        return retrying("authorize", key, () -> {
            if (mayExist.get()) {
                var found = lookUp(key);
                if (found.isPresent()) {
                    return authorization(found.get());
                }
            }
            mayExist.set(true);
            return switch (psp.post("/v1/payments", key, body)) {
                case Answered answer when answer.status() == 201 -> authorization(answer.body());
                case Answered answer when answer.status() == 400 && answer.errorCode().equals("token_not_found") ->
                        new Declined("invalid_token");
                case Answered answer when answer.leavesOutcomeUnknown() -> throw unknown("authorize", key, answer);
                case Answered answer -> throw unexpected("authorize", answer);
                case Unanswered none -> throw unknown("authorize", key, none);
            };
        });
    }

    @Override
    public PaymentChange capture(String paymentId) {
        return change("capture", paymentId);
    }

    @Override
    public PaymentChange voidAuthorization(String paymentId) {
        return change("void", paymentId);
    }

    @Override
    public PaymentChange refund(String paymentId) {
        return change("refund", paymentId);
    }

    @Override
    public void close() {
        psp.close();
    }

    /** The payment the PSP holds under this key, none for certain, or {@link OutcomeUnknown} if it cannot tell. */
    private Optional<JsonNode> lookUp(String key) {
        return switch (psp.get("/v1/payments?idempotencyKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8))) {
            case Answered answer when answer.status() == 200 -> Optional.of(answer.body());
            case Answered answer when answer.status() == 404 -> Optional.empty();
            case Answered answer when answer.leavesOutcomeUnknown() -> throw unknown("look up", key, answer);
            case Answered answer -> throw unexpected("look up", answer);
            case Unanswered none -> throw unknown("look up", key, none);
        };
    }

    private PaymentChange change(String step, String paymentId) {
        if (!PAYMENT_ID.matcher(paymentId).matches()) {
            throw new IllegalArgumentException("not a PSP payment id: " + paymentId);
        }
        var key = step + ":" + paymentId;
        var path = "/v1/payments/" + paymentId + "/" + step;
        return retrying(step, key, () -> switch (psp.post(path, key, JsonNodeFactory.instance.objectNode())) {
            case Answered answer when answer.status() == 200 ->
                    new Changed(paymentId, PaymentStatus.of(answer.text("status")));
            case Answered answer when answer.status() == 409
                    && answer.errorCode().equals("payment_state_conflict") ->
                    new Refused(paymentId, PaymentStatus.of(answer.body().path("error").path("paymentStatus")
                            .asString()));
            case Answered answer when answer.leavesOutcomeUnknown() -> throw unknown(step, key, answer);
            case Answered answer -> throw unexpected(step, answer);
            case Unanswered none -> throw unknown(step, key, none);
        });
    }

    private static Authorization authorization(JsonNode payment) {
        var status = PaymentStatus.of(payment.path("status").asString());
        if (status == PaymentStatus.DECLINED) {
            return new Declined(payment.path("declineCode").asString("generic_decline"));
        }
        return new Authorized(payment.path("id").asString(),
                Money.of(payment.path("amount").asLong(), payment.path("currency").asString()));
    }

    private <T> T retrying(String operation, String key, Supplier<T> attempt) {
        try {
            return retries.retry(operation).executeSupplier(attempt);
        } catch (OutcomeUnknown e) {
            throw new PaymentUnavailableException(operation, key, e.getMessage());
        }
    }

    private static OutcomeUnknown unknown(String operation, String key, PspReply reply) {
        var problem = switch (reply) {
            case Answered answer -> "HTTP " + answer.status() + " " + answer.errorCode();
            case Unanswered none -> none.problem();
        };
        log.warn("The PSP left the outcome of {} {} unknown ({}); resolving it", operation, key, problem);
        return new OutcomeUnknown(problem);
    }

    /** An answer that only a bug on one side explains, such as a malformed request; retrying would not help. */
    private static IllegalStateException unexpected(String operation, Answered answer) {
        return new IllegalStateException("the PSP refused " + operation + ": HTTP " + answer.status() + " "
                + answer.errorCode() + " " + answer.body().path("error").path("message").asString(""));
    }

    /** The PSP may or may not have acted; the attempt is retried, first looking up what an authorization did. */
    private static final class OutcomeUnknown extends RuntimeException {
        OutcomeUnknown(String problem) {
            super(problem, null, false, false);
        }
    }
}
