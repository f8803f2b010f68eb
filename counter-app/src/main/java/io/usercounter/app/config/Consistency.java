package io.usercounter.app.config;

import java.util.Locale;

/** How an increment reaches MySQL: before the acknowledgement (STRONG) or by the flusher (EVENTUAL). */
public enum Consistency {
    STRONG,
    EVENTUAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
