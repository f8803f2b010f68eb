package io.usercounter.app.sync;

/** What one flush did. */
public record FlushReport(int batches, int users, long amount) {

    public static final FlushReport EMPTY = new FlushReport(0, 0, 0);

    FlushReport plus(FlushReport other) {
        return new FlushReport(batches + other.batches, users + other.users, amount + other.amount);
    }
}
