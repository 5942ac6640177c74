package io.emporium.command.payment;

import tools.jackson.databind.JsonNode;

/** What came back from one request to the PSP: an answer, or none at all (timeout, refused or dropped connection). */
sealed interface PspReply {

    record Answered(int status, JsonNode body) implements PspReply {

        String text(String field) {
            return body.path(field).asString("");
        }

        /** The PSP's error code, such as {@code idempotency_key_in_use}; empty when the answer is no error. */
        String errorCode() {
            return body.path("error").path("code").asString("");
        }

        String errorType() {
            return body.path("error").path("type").asString("");
        }

        String errorParam() {
            return body.path("error").path("param").asString("");
        }

        /**
         * Whether the PSP may or may not have acted: a 5xx, a 429, or another request with the same key still
         * running. Any other answer is definite.
         */
        boolean leavesOutcomeUnknown() {
            return status >= 500 || status == 429 || (status == 409 && errorCode().equals("idempotency_key_in_use"));
        }
    }

    /** @param problem what went wrong, for logs; never a request body */
    record Unanswered(String problem) implements PspReply {}
}
