package io.usercounter.operator.config;

/** A bad environment variable: the message names it, the value and what is expected, on one line. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String variable, String value, String expected) {
        super(variable + "='" + value + "' is invalid: expected " + expected);
    }
}
