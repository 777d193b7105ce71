package io.equisweep.driver.cli;

/** A command-line argument or results path that cannot be used; exits with {@link ExitCodes#BAD_INPUT}. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
