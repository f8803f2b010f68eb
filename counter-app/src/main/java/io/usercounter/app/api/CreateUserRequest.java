package io.usercounter.app.api;

record CreateUserRequest(String username) {}
