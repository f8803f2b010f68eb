package io.usercounter.app.api;

import io.usercounter.app.store.CounterRange;
import java.util.regex.Pattern;

/**
 * The checks on path, query, header and body values that the type alone does not express.
 */
// the one layer that validates input: it owns the error codes, and the services below trust their callers
final class RequestRules {

    static final long MAX_INCREMENT = 1_000_000;
    static final int MAX_PAGE = 1_000;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,50}");

    private RequestRules() {}

    static long userId(long id) {
        if (id < 1) {
            throw ApiException.badRequest("invalid_user_id", "user id must be a positive integer");
        }
        return id;
    }

    /** The username rule of the original service: 3-50 of [A-Za-z0-9._-]. */
    static String username(String username) {
        if (username == null) {
            throw ApiException.badRequest("invalid_username", "username is required");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid_username", "username must be 3-50 characters of A-Z a-z 0-9 . _ -");
        }
        return username;
    }

    static long incrementBy(long by) {
        if (by < 1 || by > MAX_INCREMENT) {
            throw ApiException.badRequest("invalid_parameter", "by must be between 1 and " + MAX_INCREMENT);
        }
        return by;
    }

    static int pageLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("invalid_parameter", "limit must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    static long afterId(long afterId) {
        if (afterId < 0) {
            throw ApiException.badRequest("invalid_parameter", "after_id must be 0 or a positive integer");
        }
        return afterId;
    }

    static String idempotencyKey(String key) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(
                    "invalid_idempotency_key", "Idempotency-Key must be 1-128 visible ASCII characters");
        }
        return key;
    }

    static long countValue(SetCountRequest request) {
        if (request.value() == null) {
            throw ApiException.badRequest("invalid_value", "value is required");
        }
        if (request.value() < 0) {
            throw ApiException.badRequest("invalid_value", "value must be 0 or more");
        }
        if (request.value() > CounterRange.MAX) {
            throw ApiException.badRequest(
                    "value_out_of_range",
                    "value must be at most " + CounterRange.MAX + ", the largest count every layer holds exactly");
        }
        return request.value();
    }
}
