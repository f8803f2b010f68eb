package io.usercounter.app.api;

public record CreateUserRequest(String username) {
}
