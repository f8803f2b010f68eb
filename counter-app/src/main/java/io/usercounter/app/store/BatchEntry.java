package io.usercounter.app.store;

/** One user's part of a claimed Eventual batch: add {@code delta} once, fenced by {@code seq}. */
public record BatchEntry(long userId, long delta, long seq) {}
