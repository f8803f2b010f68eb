package io.usercounter.app.cache;

/** What a Strong replica found when it reserved an Idempotency-Key in Redis before committing. */
public sealed interface KeyReservation {

    /** Ours: Eventual replicas refuse the key as in progress until this request records or releases it. */
    record Reserved(String token) implements KeyReservation {}

    /** Another Strong request holds it: MySQL's unique key decides between the two. */
    record HeldElsewhere() implements KeyReservation {}

    /** An earlier attempt was answered (by either mode): this one is a retry. */
    record Answered(PendingIncrement.Replayed first) implements KeyReservation {}

    /** Redis could not be asked: MySQL's keys alone decide, and Eventual replicas cannot count meanwhile. */
    record Unreserved() implements KeyReservation {}
}
