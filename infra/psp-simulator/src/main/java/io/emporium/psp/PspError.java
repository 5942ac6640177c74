package io.emporium.psp;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request the simulator refuses, answered as Stripe does: {@code {"error": {"type", "code", "message", "param"}}}.
 * Messages never quote a card number or CVC, only the name of the offending field.
 */
final class PspError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final @Nullable String param;
    private final @Nullable String paymentStatus;

    private PspError(int status, String type, String code, String message, @Nullable String param,
            @Nullable String paymentStatus) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.paymentStatus = paymentStatus;
    }

    /** The card itself is unusable: wrong number, expired, bad CVC. */
    static PspError card(String code, String param, String message) {
        return new PspError(400, "card_error", code, message, param, null);
    }

    static PspError invalidRequest(String code, @Nullable String param, String message) {
        return new PspError(400, "invalid_request_error", code, message, param, null);
    }

    static PspError notFound(String code, String message) {
        return new PspError(404, "invalid_request_error", code, message, null, null);
    }

    /** The payment is in a state that does not allow the operation, e.g. voiding a captured payment. */
    static PspError stateConflict(String operation, String paymentStatus) {
        return new PspError(409, "invalid_request_error", "payment_state_conflict",
                "cannot " + operation + " a payment that is " + paymentStatus, null, paymentStatus);
    }

    static PspError idempotency(int status, String code, String message) {
        return new PspError(status, "idempotency_error", code, message, null, null);
    }

    static PspError api(int status, String code, String message) {
        return new PspError(status, "api_error", code, message, null, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Reply reply() {
        var error = JsonNodeFactory.instance.objectNode()
                .put("type", type)
                .put("code", code)
                .put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        if (paymentStatus != null) {
            error.put("paymentStatus", paymentStatus);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("error", error);
        return new Reply(status, body, false);
    }
}
