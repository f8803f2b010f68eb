package io.usercounter.app.api;

/** A write without the bearer token COUNTER_AUTH_TOKEN names, or with another one. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
