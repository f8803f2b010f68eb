package io.usercounter.app.api;

/** The success envelope of the original service: {"message": ..., "data": ...}. */
record ApiResponse<T>(String message, T data) {}
