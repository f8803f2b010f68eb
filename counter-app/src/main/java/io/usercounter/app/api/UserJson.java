package io.usercounter.app.api;

import io.usercounter.app.counter.UserView;
import java.time.Instant;

/** A user on the wire: {id, username, counter, created_at, updated_at}. */
record UserJson(long id, String username, long counter, Instant createdAt, Instant updatedAt) {

    static UserJson of(UserView user) {
        return new UserJson(
                user.stored().id(),
                user.stored().username(),
                user.counter(),
                user.stored().createdAt(),
                user.stored().updatedAt());
    }
}
