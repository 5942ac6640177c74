package io.emporium.command.decision;

import java.util.List;

/** What a pure decide function returns: the events to record, or a rejection that records nothing. */
public sealed interface Decision<E> {

    static <E> Decision<E> accept(List<? extends E> events) {
        return new Accepted<>(List.copyOf(events));
    }

    @SafeVarargs
    static <E> Decision<E> accept(E... events) {
        return new Accepted<>(List.of(events));
    }

    /** Nothing to change: a repeated command decides no events. */
    static <E> Decision<E> nothing() {
        return new Accepted<>(List.of());
    }

    static <E> Decision<E> reject(String reason, String detail) {
        return new Rejected<>(new Rejection(reason, detail));
    }

    record Accepted<E>(List<E> events) implements Decision<E> {}

    record Rejected<E>(Rejection rejection) implements Decision<E> {}
}
