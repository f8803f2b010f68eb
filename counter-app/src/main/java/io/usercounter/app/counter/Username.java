package io.usercounter.app.counter;

import java.util.regex.Pattern;

/** The username rule of the original service: 3-50 of [A-Za-z0-9._-]. */
public final class Username {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{3,50}");

    private Username() {
    }

    public static String validate(String username) {
        if (username == null) {
            throw new InvalidUsernameException("username is required");
        }
        if (!VALID.matcher(username).matches()) {
            throw new InvalidUsernameException("username must be 3-50 characters of A-Z a-z 0-9 . _ -");
        }
        return username;
    }

    public static class InvalidUsernameException extends RuntimeException {

        InvalidUsernameException(String message) {
            super(message);
        }
    }
}
