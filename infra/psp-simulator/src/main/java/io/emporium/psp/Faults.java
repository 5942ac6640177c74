package io.emporium.psp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The failures a test asks the PSP to show, set at run time over {@code /v1/faults}: latency, timeouts (the request
 * is held longer than a client waits, then processed), 5xx answers (nothing processed), forced declines, and unknown
 * outcomes (processed and recorded, but the answer is a 5xx, a dropped connection or comes too late).
 *
 * <p>A rule applies to one operation or to all, and fires on every Nth matching call, with a probability drawn from
 * its own seeded generator, or both, or always. Latency of every firing rule adds up; of the other kinds, the first
 * firing rule in the order they were added decides. Each rule counts every call it matches, fired or not.
 */
final class Faults {

    enum Operation { TOKENIZE, AUTHORIZE, RETRIEVE, LOOKUP, CAPTURE, VOID, REFUND }

    enum Kind { LATENCY, TIMEOUT, ERROR, DECLINE, UNKNOWN }

    /** How a processed request's answer is lost. */
    enum Loss { ERROR, DROP, TIMEOUT }

    /** What happens to one call, besides its latency. */
    sealed interface Injected {
        record None() implements Injected {}

        /** Held this long before it is processed. */
        record Timeout(Duration hold) implements Injected {}

        /** Answered with this 5xx status; nothing is processed. */
        record ServerError(int status) implements Injected {}

        /** An authorization is declined with this code, whatever the card. */
        record ForcedDecline(String code) implements Injected {}

        /** Processed and recorded; then the answer is lost as {@code loss} says. */
        record UnknownOutcome(Loss loss, int status, Duration hold) implements Injected {}
    }

    record Plan(Duration latency, Injected injected) {}

    /**
     * One configured failure.
     *
     * @param operation   the operation it applies to; null for every operation
     * @param everyNth    fires on matching calls {@code firstCall}, {@code firstCall + everyNth}, …; 0 for every call
     * @param probability the chance that it fires on a call that {@code everyNth} lets through
     */
    record Rule(@Nullable Operation operation, Kind kind, int everyNth, int firstCall, double probability, long seed,
                long latencyMs, long maxLatencyMs, long holdMs, int status, Loss loss, String declineCode) {}

    private static final Set<String> FIELDS = Set.of("operation", "kind", "everyNth", "firstCall", "probability",
            "seed", "latencyMs", "maxLatencyMs", "holdMs", "status", "loss", "declineCode");

    private final List<Active> rules = new CopyOnWriteArrayList<>();

    void add(List<Rule> added) {
        added.forEach(rule -> rules.add(new Active(rule)));
    }

    void clear() {
        rules.clear();
    }

    Plan decide(Operation operation) {
        var latency = Duration.ZERO;
        Injected injected = new Injected.None();
        for (var active : rules) {
            var rule = active.rule;
            if ((rule.operation() != null && rule.operation() != operation) || !active.fires()) {
                continue;
            }
            if (rule.kind() == Kind.LATENCY) {
                latency = latency.plus(Duration.ofMillis(active.latencyMs()));
            } else if (injected instanceof Injected.None) {
                injected = switch (rule.kind()) {
                    case TIMEOUT -> new Injected.Timeout(Duration.ofMillis(rule.holdMs()));
                    case ERROR -> new Injected.ServerError(rule.status());
                    case DECLINE -> new Injected.ForcedDecline(rule.declineCode());
                    case UNKNOWN -> new Injected.UnknownOutcome(rule.loss(), rule.status(),
                            Duration.ofMillis(rule.holdMs()));
                    case LATENCY -> throw new IllegalStateException("handled above");
                };
            }
        }
        return new Plan(latency, injected);
    }

    /** The rules in force, each with how many calls it matched and how often it fired. */
    List<JsonNode> describe() {
        var described = new ArrayList<JsonNode>();
        for (var active : rules) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            var rule = active.rule;
            node.put("operation", rule.operation() == null ? "any" : lower(rule.operation()));
            node.put("kind", lower(rule.kind()));
            node.put("everyNth", rule.everyNth());
            node.put("firstCall", rule.firstCall());
            node.put("probability", rule.probability());
            node.put("calls", active.calls.get());
            node.put("fired", active.fired.get());
            described.add(node);
        }
        return described;
    }

    /** Reads one rule, with defaults for what it leaves out; refuses unknown fields, which are usually typos. */
    static Rule parse(JsonNode node) {
        if (!node.isObject()) {
            throw PspError.invalidRequest("invalid_fault", null, "a fault rule is a JSON object");
        }
        for (var name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw PspError.invalidRequest("invalid_fault", name, "unknown field " + name);
            }
        }
        var kind = enumOf(Kind.class, text(node, "kind", null), "kind");
        var operationName = text(node, "operation", "any");
        var operation = operationName.equals("any") ? null : enumOf(Operation.class, operationName, "operation");
        var everyNth = (int) number(node, "everyNth", 0, 0, 1_000_000);
        var firstCall = (int) number(node, "firstCall", Math.max(everyNth, 1), 1, 1_000_000);
        var probability = node.has("probability") ? node.get("probability").asDouble() : 1.0;
        if (!(probability >= 0 && probability <= 1)) {
            throw PspError.invalidRequest("invalid_fault", "probability", "probability is between 0 and 1");
        }
        var latencyMs = number(node, "latencyMs", 0, 0, 600_000);
        var maxLatencyMs = number(node, "maxLatencyMs", latencyMs, latencyMs, 600_000);
        var holdMs = number(node, "holdMs", 30_000, 0, 600_000);
        var status = (int) number(node, "status", kind == Kind.ERROR ? 503 : 500, 500, 599);
        var loss = enumOf(Loss.class, text(node, "loss", "error"), "loss");
        var declineCode = text(node, "declineCode", "generic_decline");
        return new Rule(operation, kind, everyNth, firstCall, probability, number(node, "seed", 0, Long.MIN_VALUE,
                Long.MAX_VALUE), latencyMs, maxLatencyMs, holdMs, status, loss, declineCode);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field, @Nullable String fallback) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw PspError.invalidRequest("invalid_fault", field, field + " is required");
            }
            return fallback;
        }
        if (!value.isString()) {
            throw PspError.invalidRequest("invalid_fault", field, field + " is a string");
        }
        return value.asString();
    }

    private static long number(JsonNode node, String field, long fallback, long min, long max) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min
                || value.asLong() > max) {
            throw PspError.invalidRequest("invalid_fault", field, field + " is a whole number from " + min
                    + " to " + max);
        }
        return value.asLong();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PspError.invalidRequest("invalid_fault", field, "unknown " + field + " " + value);
        }
    }

    private static final class Active {
        final Rule rule;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong fired = new AtomicLong();
        private final Random random;

        Active(Rule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
        }

        boolean fires() {
            var call = calls.incrementAndGet();
            var counted = rule.everyNth() == 0
                    ? call >= rule.firstCall()
                    : call >= rule.firstCall() && (call - rule.firstCall()) % rule.everyNth() == 0;
            var fires = counted && (rule.probability() >= 1 || chance() < rule.probability());
            if (fires) {
                fired.incrementAndGet();
            }
            return fires;
        }

        long latencyMs() {
            if (rule.maxLatencyMs() <= rule.latencyMs()) {
                return rule.latencyMs();
            }
            synchronized (random) {
                return rule.latencyMs() + random.nextLong(rule.maxLatencyMs() - rule.latencyMs() + 1);
            }
        }

        private double chance() {
            synchronized (random) {
                return random.nextDouble();
            }
        }
    }
}
