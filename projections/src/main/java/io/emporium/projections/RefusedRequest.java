package io.emporium.projections;

/** An operator's request (a replay, a rebuild, a dead-letter query) refused for one wrong value; it names which. */
public class RefusedRequest extends RuntimeException {

    private final String field;

    public RefusedRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field or parameter whose value is wrong. */
    public String field() {
        return field;
    }
}
