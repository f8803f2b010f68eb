package io.usercounter.app.store;

/**
 * The outcome of a committed increment.
 *
 * @param snapshot the committed state, or null when this was a replay of an earlier request
 * @param counter  the value to answer with (the stored answer on a replay)
 * @param replayed true when the Idempotency-Key had been used already, so nothing was added
 * @param amount   the amount the key was first committed with
 */
public record StrongIncrement(CounterSnapshot snapshot, long counter, boolean replayed, long amount) {}
