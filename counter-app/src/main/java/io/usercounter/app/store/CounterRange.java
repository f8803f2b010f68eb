package io.usercounter.app.store;

/**
 * The values a counter may take. Lua numbers and the JSON numbers of JavaScript clients are doubles, so
 * 2^53−1 is the largest count every layer holds exactly; MySQL's BIGINT holds it with room for any batch.
 */
public final class CounterRange {

    public static final long MAX = (1L << 53) - 1;

    private CounterRange() {}
}
