package io.usercounter.app.counter;

/** Another user already has this username (the store found it in its unique index). */
public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(String username) {
        super("username '" + username + "' is already taken");
    }
}
