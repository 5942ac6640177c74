package io.emporium.query;

/** The store of a read model does not answer; answered as a 503 problem the client may retry. */
public class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String readModel, Throwable cause) {
        super(readModel + " is unavailable", cause);
    }
}
