package io.usercounter.app.api;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.counter.IdempotencyKeyInProgressException;
import io.usercounter.app.counter.UserNotFoundException;
import io.usercounter.app.counter.UsernameTakenException;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;

/** The one place where failures become {"error", "message"} answers; nothing leaks a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    // a store that timed out may still have applied the write: only a keyed retry is safe to repeat
    private static final String UNKNOWN_OUTCOME = "the request was not acknowledged and may or may not have been "
            + "applied; retry it with the same Idempotency-Key to count it exactly once";

    private final CounterMetrics metrics;

    ApiExceptionHandler(CounterMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<ApiError> unauthorized(UnauthorizedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("unauthorized", e.getMessage()));
    }

    @ExceptionHandler(UserNotFoundException.class)
    ResponseEntity<ApiError> userNotFound(UserNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "user_not_found", e.getMessage());
    }

    @ExceptionHandler(UsernameTakenException.class)
    ResponseEntity<ApiError> usernameTaken(UsernameTakenException e) {
        return error(HttpStatus.CONFLICT, "username_taken", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ApiError> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyInProgressException.class)
    ResponseEntity<ApiError> idempotencyKeyInProgress(IdempotencyKeyInProgressException e) {
        return error(HttpStatus.CONFLICT, "idempotency_key_in_progress", e.getMessage());
    }

    @ExceptionHandler(CounterOutOfRangeException.class)
    ResponseEntity<ApiError> counterOutOfRange(CounterOutOfRangeException e) {
        return error(HttpStatus.CONFLICT, "value_out_of_range", e.getMessage());
    }

    @ExceptionHandler(CacheUnavailableException.class)
    ResponseEntity<ApiError> cacheUnavailable(CacheUnavailableException e) {
        metrics.storeError("redis");
        return error(HttpStatus.SERVICE_UNAVAILABLE, "cache_unavailable", "Redis is unavailable; " + UNKNOWN_OUTCOME);
    }

    @ExceptionHandler({
        TransientDataAccessException.class,
        DataAccessResourceFailureException.class,
        RecoverableDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ApiError> databaseUnavailable(RuntimeException e) {
        metrics.storeError("mysql");
        log.warn("MySQL failed: {}", e.getMessage());
        return error(
                HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable", "MySQL is unavailable; " + UNKNOWN_OUTCOME);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> payloadTooLarge(PayloadTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
    }

    /** Tomcat 11 refuses a query string it cannot decode (10 dropped the parameter): the answer of a bad URL. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> undecodableParameters(InvalidParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", StatusError.MALFORMED);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getName().equals("id")) {
            return error(HttpStatus.BAD_REQUEST, "invalid_user_id", "user id must be a positive integer");
        }
        return error(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getName() + " must be an integer");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (find(e, PayloadTooLargeException.class) != null) {
            return payloadTooLarge(find(e, PayloadTooLargeException.class));
        }
        // valid JSON the request cannot hold: a wrong type, or (Jackson 3 no longer wraps it) a number out of range
        if (cause instanceof JacksonException mapping
                && (mapping instanceof DatabindException || mapping instanceof InputCoercionException)) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "invalid_field",
                    mapping.getPath().isEmpty()
                            ? "the request body must be a JSON object"
                            : "field '" + path(mapping) + "' has the wrong type or is out of range");
        }
        if (cause instanceof JacksonException) {
            return error(HttpStatus.BAD_REQUEST, "invalid_json", "the request body is not valid JSON");
        }
        return error(HttpStatus.BAD_REQUEST, "invalid_json", "a JSON request body is required");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "the request body must be application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "responses are application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", "no such endpoint: /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected server error");
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Always JSON: a preset content type skips the Accept negotiation that would turn it into an HTML page. */
    private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, message));
    }
}
