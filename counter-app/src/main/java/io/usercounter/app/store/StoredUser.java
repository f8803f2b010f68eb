package io.usercounter.app.store;

import java.time.Instant;

/** A users row as MySQL holds it; {@code counter} excludes deltas the flusher has not applied yet. */
public record StoredUser(
        long id,
        String username,
        long counter,
        long version,
        long appliedSeq,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSyncedAt) {

    public CounterSnapshot snapshot() {
        return new CounterSnapshot(id, counter, version, appliedSeq);
    }
}
