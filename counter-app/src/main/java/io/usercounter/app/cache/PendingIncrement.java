package io.usercounter.app.cache;

/** The reply of the Eventual increment script. */
public sealed interface PendingIncrement {

    /** No snapshot cached: load MySQL, install it, and try again. */
    record Miss() implements PendingIncrement {}

    record Added(long value) implements PendingIncrement {}

    /** The Idempotency-Key was seen before: nothing was added. */
    record Replayed(long firstBy, long value) implements PendingIncrement {}

    /** Adding would take the counter above the range: nothing was added. */
    record OutOfRange(long value) implements PendingIncrement {}

    /** A Strong replica reserved the Idempotency-Key and may still be committing it: nothing was added. */
    record InProgress() implements PendingIncrement {}
}
