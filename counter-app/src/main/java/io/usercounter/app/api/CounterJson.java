package io.usercounter.app.api;

public record CounterJson(long userId, long counter) {
}
