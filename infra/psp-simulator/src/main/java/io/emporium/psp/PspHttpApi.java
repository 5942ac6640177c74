package io.emporium.psp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.emporium.psp.Faults.Injected;
import io.emporium.psp.Faults.Operation;
import io.emporium.psp.IdempotentReplies.Fingerprint;
import io.emporium.psp.Payments.Authorization;
import io.emporium.psp.Payments.Payment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The simulator's HTTP API, in Stripe's manner: JSON bodies, amounts in minor units, an {@code Idempotency-Key}
 * header on every call that moves money, errors as {@code {"error": {…}}}. One access line per request goes to the
 * log, with method, path, status, key and injected fault, never a body: bodies carry card numbers.
 */
final class PspHttpApi implements HttpHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern PAYMENT = Pattern.compile("/v1/payments/([A-Za-z0-9_]{1,64})");
    private static final Pattern PAYMENT_STEP =
            Pattern.compile("/v1/payments/([A-Za-z0-9_]{1,64})/(capture|void|refund)");
    private static final int MAX_BODY = 64 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Tokens tokens = new Tokens();
    private final Ledger ledger = new Ledger();
    private final Payments payments;
    private final IdempotentReplies idempotency = new IdempotentReplies();
    private final Faults faults = new Faults();
    private final Clock clock;
    private final PrintStream log;

    PspHttpApi(Clock clock, PrintStream log) {
        this.clock = clock;
        this.log = log;
        this.payments = new Payments(ledger, clock);
    }

    @Override
    public void handle(HttpExchange exchange) {
        var begin = System.nanoTime();
        var request = new Request(exchange);
        Reply reply;
        try {
            reply = route(request);
        } catch (PspError refused) {
            reply = refused.reply();
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            reply = PspError.api(500, "internal_error", "the simulator failed: " + e.getClass().getSimpleName())
                    .reply();
        }
        try (exchange) {
            if (reply.status() != Reply.DROPPED) {
                send(exchange, reply);
            }
        } catch (IOException gone) {
            // The client gave up waiting; the ledger already holds whatever was processed.
        }
        log.printf("%s %s %s %d %d ms%s%s%n", clock.instant(), request.method, request.path, reply.status(),
                (System.nanoTime() - begin) / 1_000_000, request.key == null ? "" : " key=" + request.key,
                request.fault == null ? "" : " fault=" + request.fault);
    }

    private Reply route(Request request) {
        var path = request.path;
        if (path.equals("/v1/tokens")) {
            request.expect("POST");
            return call(request, Operation.TOKENIZE, false, ignored -> tokenize(request.body()));
        }
        if (path.equals("/v1/payments")) {
            if (request.method.equals("GET")) {
                var key = request.query("idempotencyKey");
                return call(request, Operation.LOOKUP, false, ignored -> payments.findByIdempotencyKey(key)
                        .map(payment -> Reply.of(200, tree(payment)))
                        .orElseThrow(() -> PspError.notFound("payment_not_found", "no payment with this key")));
            }
            request.expect("POST");
            var authorization = authorization(request.body());
            var card = tokens.card(authorization.token()).orElseThrow(() -> PspError.invalidRequest(
                    "token_not_found", "token", "no such card token"));
            var key = request.requireKey();
            return call(request, Operation.AUTHORIZE, true, forcedDecline -> Reply.of(201,
                    tree(payments.authorize(key, authorization, card, forcedDecline))));
        }
        var step = PAYMENT_STEP.matcher(path);
        if (step.matches()) {
            request.expect("POST");
            request.body();
            var id = step.group(1);
            var key = request.requireKey();
            return switch (step.group(2)) {
                case "capture" -> call(request, Operation.CAPTURE, true, ignored -> ok(payments.capture(id, key)));
                case "void" -> call(request, Operation.VOID, true,
                        ignored -> ok(payments.voidAuthorization(id, key)));
                default -> call(request, Operation.REFUND, true, ignored -> ok(payments.refund(id, key)));
            };
        }
        var payment = PAYMENT.matcher(path);
        if (payment.matches()) {
            request.expect("GET");
            return call(request, Operation.RETRIEVE, false, ignored -> ok(payments.find(payment.group(1))
                    .orElseThrow(() -> PspError.notFound("payment_not_found", "no such payment"))));
        }
        if (path.equals("/v1/ledger")) {
            request.expect("GET");
            var body = JsonNodeFactory.instance.objectNode();
            body.set("entries", json.valueToTree(ledger.entries()));
            return Reply.of(200, body);
        }
        if (path.equals("/v1/faults")) {
            return faults(request);
        }
        throw PspError.notFound("route_not_found", "no route " + request.method + " " + path);
    }

    /**
     * Runs one operation under the faults in force: latency first, then a 5xx instead of the operation, or a hold
     * before it, or a forced decline; an operation that moves money runs under its idempotency key, which a hold
     * keeps claimed. An unknown outcome loses the answer of an operation that did run.
     */
    private Reply call(Request request, Operation operation, boolean keyed, Function<@Nullable String, Reply> work) {
        var plan = faults.decide(operation);
        pause(plan.latency());
        var injected = plan.injected();
        request.fault = describe(plan);
        if (injected instanceof Injected.ServerError error) {
            return PspError.api(error.status(), "injected_fault", "the PSP failed").reply();
        }
        var forcedDecline = injected instanceof Injected.ForcedDecline decline ? decline.code() : null;
        var hold = injected instanceof Injected.Timeout timeout ? timeout.hold() : Duration.ZERO;
        Reply reply;
        if (keyed && request.key != null) {
            reply = idempotency.run(request.key, new Fingerprint(request.method + " " + request.path,
                    request.parsedBody), () -> {
                pause(hold);
                return work.apply(forcedDecline);
            });
        } else {
            pause(hold);
            reply = work.apply(forcedDecline);
        }
        if (injected instanceof Injected.UnknownOutcome unknown) {
            return switch (unknown.loss()) {
                case ERROR -> PspError.api(unknown.status(), "injected_fault", "the PSP failed").reply();
                case DROP -> Reply.dropped();
                case TIMEOUT -> {
                    pause(unknown.hold());
                    yield reply;
                }
            };
        }
        return reply;
    }

    private Reply tokenize(JsonNode body) {
        var number = Fields.string(body, "number", 32);
        var card = Cards.check(number, Fields.integer(body, "expMonth"), Fields.integer(body, "expYear"),
                Fields.string(body, "cvc", 8), YearMonth.now(clock));
        var token = tokens.issue(card);
        return Reply.of(201, JsonNodeFactory.instance.objectNode()
                .put("token", token)
                .put("brand", card.brand())
                .put("last4", card.last4()));
    }

    private static Authorization authorization(JsonNode body) {
        var amount = Fields.amount(body, "amount");
        var currency = Fields.string(body, "currency", 3).toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw PspError.invalidRequest("invalid_currency", "currency", "currency is an ISO 4217 code");
        }
        return new Authorization(amount, currency, Fields.string(body, "token", 64),
                Fields.string(body, "reference", 255));
    }

    private Reply faults(Request request) {
        switch (request.method) {
            case "POST" -> {
                var rules = request.body().get("rules");
                if (rules == null || !rules.isArray()) {
                    throw PspError.invalidRequest("invalid_fault", "rules", "rules is a list of fault rules");
                }
                var parsed = new ArrayList<Faults.Rule>();
                rules.forEach(rule -> parsed.add(Faults.parse(rule)));
                faults.add(parsed);
            }
            case "DELETE" -> {
                faults.clear();
                return Reply.noContent();
            }
            default -> request.expect("GET");
        }
        var body = JsonNodeFactory.instance.objectNode();
        body.set("rules", json.valueToTree(faults.describe()));
        return Reply.of(request.method.equals("POST") ? 201 : 200, body);
    }

    private Reply ok(Payment payment) {
        return Reply.of(200, tree(payment));
    }

    private JsonNode tree(Payment payment) {
        return json.valueToTree(payment);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (reply.replayed()) {
            headers.set("Idempotent-Replayed", "true");
        }
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        var bytes = json.writeValueAsBytes(reply.body());
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static @Nullable String describe(Faults.Plan plan) {
        var injected = plan.injected() instanceof Injected.None ? null
                : plan.injected().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (plan.latency().isZero()) {
            return injected;
        }
        var latency = "latency:" + plan.latency().toMillis();
        return injected == null ? latency : latency + "," + injected;
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PspError.api(503, "shutting_down", "the simulator is stopping");
        }
    }

    /** One exchange's request line, key and body, read once. */
    private final class Request {
        final HttpExchange exchange;
        final String method;
        final String path;
        final @Nullable String key;
        @Nullable JsonNode parsedBody;
        @Nullable String fault;

        Request(HttpExchange exchange) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getPath();
            var key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
            this.key = key == null || key.isBlank() ? null : key;
        }

        void expect(String expected) {
            if (!method.equals(expected)) {
                throw PspError.invalidRequest("method_not_allowed", null, method + " is not allowed on " + path);
            }
        }

        String requireKey() {
            if (key == null || key.length() > 255) {
                throw PspError.invalidRequest("idempotency_key_required", IDEMPOTENCY_KEY,
                        "an Idempotency-Key header of at most 255 characters is required");
            }
            return key;
        }

        /** The JSON body; an empty body reads as {@code {}}. */
        JsonNode body() {
            if (parsedBody == null) {
                try (var in = exchange.getRequestBody()) {
                    var bytes = in.readNBytes(MAX_BODY + 1);
                    if (bytes.length > MAX_BODY) {
                        throw PspError.invalidRequest("body_too_large", null, "the body exceeds 64 KiB");
                    }
                    var node = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : json.readTree(bytes);
                    if (!node.isObject()) {
                        throw PspError.invalidRequest("invalid_json", null, "the body is a JSON object");
                    }
                    parsedBody = node;
                } catch (IOException | JacksonException e) {
                    throw PspError.invalidRequest("invalid_json", null, "the body is not valid JSON");
                }
            }
            return parsedBody;
        }

        String query(String name) {
            var query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (var pair : query.split("&")) {
                    var equals = pair.indexOf('=');
                    if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8)
                            .equals(name)) {
                        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    }
                }
            }
            throw PspError.invalidRequest("parameter_missing", name, name + " is required");
        }
    }
}
