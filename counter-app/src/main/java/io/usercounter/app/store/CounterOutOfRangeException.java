package io.usercounter.app.store;

/** An increment would take a counter above {@link CounterRange#MAX}; nothing was applied. */
public class CounterOutOfRangeException extends RuntimeException {

    public CounterOutOfRangeException(long userId, long value, long by) {
        super("counter of user " + userId + " is " + value + "; adding " + by + " would exceed the largest count, "
                + CounterRange.MAX);
    }
}
