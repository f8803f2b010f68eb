package io.usercounter.app.counter;

public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(long userId) {
        super("user " + userId + " does not exist");
    }
}
