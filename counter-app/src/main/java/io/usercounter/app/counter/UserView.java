package io.usercounter.app.counter;

import io.usercounter.app.store.StoredUser;

/** A user with the counter a reader sees (MySQL plus what is not flushed yet). */
public record UserView(StoredUser stored, long counter) {}
