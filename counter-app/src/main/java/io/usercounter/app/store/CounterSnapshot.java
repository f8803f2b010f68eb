package io.usercounter.app.store;

/**
 * A counter as one committed MySQL state: its value, the row version that orders states, and the
 * sequence number of the last Eventual batch that state contains.
 */
public record CounterSnapshot(long userId, long counter, long version, long appliedSeq) {}
