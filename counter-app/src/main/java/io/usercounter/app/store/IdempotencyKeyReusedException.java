package io.usercounter.app.store;

/** The same Idempotency-Key came back with a different amount, so it cannot be a retry. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(long originalAmount, long amount) {
        super("Idempotency-Key was first used with by=" + originalAmount + ", not by=" + amount);
    }
}
