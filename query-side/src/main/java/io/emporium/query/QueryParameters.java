package io.emporium.query;

import org.jspecify.annotations.Nullable;

/** Parsing shared by the query APIs' parameters; a wrong value becomes an {@link InvalidQueryParameterException}. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A whole number between {@code min} and {@code max}, or {@code absent} when the parameter is missing. */
    public static int integer(String name, @Nullable String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            var number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new InvalidQueryParameterException(name, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException(name, "must be a whole number");
        }
    }
}
