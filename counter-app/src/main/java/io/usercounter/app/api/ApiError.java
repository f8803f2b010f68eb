package io.usercounter.app.api;

/** The error body of the original service: {"error": "snake_case_code", "message": "..."}. */
public record ApiError(String error, String message) {}
