package io.usercounter.app.api;

public record SetCountRequest(Long value) {
}
