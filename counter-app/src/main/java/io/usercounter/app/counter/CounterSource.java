package io.usercounter.app.counter;

/** Where a read was answered from. */
public enum CounterSource {
    CACHE,
    DATABASE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
