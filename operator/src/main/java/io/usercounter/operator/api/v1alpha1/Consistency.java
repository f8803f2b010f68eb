package io.usercounter.operator.api.v1alpha1;

/** How the counter app acknowledges an increment (docs/consistency.md). */
public enum Consistency {
    /** Committed to MySQL before it is acknowledged. */
    Strong,
    /** Acknowledged once Redis has it; flushed to MySQL every sync interval. */
    Eventual;

    /** The value of the app's {@code COUNTER_CONSISTENCY} variable. */
    public String appValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
