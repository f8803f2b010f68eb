package io.usercounter.app.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and error code it answers. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
