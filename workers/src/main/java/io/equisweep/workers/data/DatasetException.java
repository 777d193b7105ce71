package io.equisweep.workers.data;

/** A dataset could not be read or does not hold what was asked of it. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
