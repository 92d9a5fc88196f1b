package dev.oncall.cli;

/** The user's input cannot be used; the message says why, in one line. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
