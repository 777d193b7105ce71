package io.equisweep.driver.spark;

/** A Spark setting the run cannot start with, found before any Spark job (the CLI exits with 2). */
public final class SparkSetupException extends RuntimeException {
    public SparkSetupException(String message) {
        super(message);
    }
}
