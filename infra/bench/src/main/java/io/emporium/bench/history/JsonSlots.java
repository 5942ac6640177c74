package io.emporium.bench.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as the engine serialized it, with the values a template request put into it marked as slots: a
 * copy is the document's own bytes with other values in the slots. So field names, their order, number formats and
 * everything the request did not choose stay exactly as the engine writes them, whatever its serializer does.
 */
final class JsonSlots {

    private final List<String> fragments;
    private final List<String> slots;

    private JsonSlots(List<String> fragments, List<String> slots) {
        this.fragments = List.copyOf(fragments);
        this.slots = List.copyOf(slots);
    }

    /**
     * @param json   the stored document
     * @param values slot name → the JSON value the template request put there (a quoted string or a number); each
     *               must occur at least once, every occurrence becomes that slot
     * @throws IllegalArgumentException if a value does not occur, which means the engine wrote it differently
     */
    static JsonSlots of(String json, Map<String, String> values) {
        record Found(int at, int length, String slot) {}
        var found = new ArrayList<Found>();
        values.forEach((slot, literal) -> {
            var before = found.size();
            for (var at = json.indexOf(literal); at >= 0; at = json.indexOf(literal, at + literal.length())) {
                if (isWhole(json, at, literal)) {
                    found.add(new Found(at, literal.length(), slot));
                }
            }
            if (found.size() == before) {
                throw new IllegalArgumentException("the template's " + slot + " (" + literal + ") is not in " + json);
            }
        });
        found.sort(Comparator.comparingInt(Found::at));
        var fragments = new ArrayList<String>();
        var slots = new ArrayList<String>();
        var end = 0;
        for (var slot : found) {
            if (slot.at() < end) {
                throw new IllegalArgumentException("template values overlap in " + json);
            }
            fragments.add(json.substring(end, slot.at()));
            slots.add(slot.slot());
            end = slot.at() + slot.length();
        }
        fragments.add(json.substring(end));
        return new JsonSlots(fragments, slots);
    }

    /** The document with each slot filled by its JSON value from {@code values}, in UTF-8. */
    byte[] fill(Map<String, String> values) {
        var json = new StringBuilder(256);
        for (var i = 0; i < slots.size(); i++) {
            json.append(fragments.get(i));
            var value = values.get(slots.get(i));
            if (value == null) {
                throw new IllegalArgumentException("no value for the slot " + slots.get(i));
            }
            json.append(value);
        }
        json.append(fragments.getLast());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal: quoted, with quotes, backslashes and control characters escaped. */
    static String string(String value) {
        var quoted = new StringBuilder(value.length() + 2).append('"');
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** A number must not be part of a longer one: 4243 is not a slot inside 142430. */
    private static boolean isWhole(String json, int at, String literal) {
        if (literal.startsWith("\"")) {
            return true;
        }
        var before = at == 0 ? ' ' : json.charAt(at - 1);
        var after = at + literal.length() >= json.length() ? ' ' : json.charAt(at + literal.length());
        return !isNumberPart(before) && !isNumberPart(after);
    }

    private static boolean isNumberPart(char c) {
        return Character.isDigit(c) || c == '.' || c == '-' || c == 'e' || c == 'E';
    }
}
