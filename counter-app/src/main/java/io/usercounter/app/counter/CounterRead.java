package io.usercounter.app.counter;

public record CounterRead(long userId, long counter, CounterSource source) {}
