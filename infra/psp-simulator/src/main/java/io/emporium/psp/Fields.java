package io.emporium.psp;

import tools.jackson.databind.JsonNode;

/** Reads required fields of a request body; a missing or ill-typed one is a 400 naming the field, not its value. */
final class Fields {

    private Fields() {
    }

    static String string(JsonNode body, String field, int maxLength) {
        var value = body.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()
                || value.asString().length() > maxLength) {
            throw PspError.invalidRequest("parameter_invalid", field,
                    field + " is a non-blank string of at most " + maxLength + " characters");
        }
        return value.asString();
    }

    static int integer(JsonNode body, String field) {
        var value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw PspError.invalidRequest("parameter_invalid", field, field + " is a whole number");
        }
        return value.asInt();
    }

    /** An amount in minor units: positive, and at most Stripe's limit of eight digits. */
    static long amount(JsonNode body, String field) {
        var value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1
                || value.asLong() > 99_999_999L) {
            throw PspError.invalidRequest("amount_invalid", field,
                    field + " is a whole number of minor units from 1 to 99999999");
        }
        return value.asLong();
    }
}
