package io.usercounter.app.counter;

import java.util.Locale;

/** Where a read was answered from. */
public enum CounterSource {
    CACHE,
    DATABASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
