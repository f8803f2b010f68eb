package io.usercounter.app.counter;

/**
 * A request with this Idempotency-Key is still being committed by a Strong replica (a mode switch is under
 * way): counting this one too could count the key twice, so the client retries later with the same key.
 */
public class IdempotencyKeyInProgressException extends RuntimeException {

    public IdempotencyKeyInProgressException(long userId, String idempotencyKey) {
        super("an increment of user " + userId + " with Idempotency-Key '" + idempotencyKey
                + "' is still being committed; retry it with the same key");
    }
}
