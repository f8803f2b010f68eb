package io.usercounter.app.api;

public record CountJson(long userId, long counter, String source) {
}
