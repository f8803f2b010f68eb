package io.usercounter.app.cache;

import io.usercounter.app.store.BatchEntry;
import java.util.List;

/**
 * What one claim returned for a shard: batches left by an earlier, unfinished flush plus fresh ones.
 *
 * @param freshClaims how many entries were claimed now from pending amounts
 */
public record ClaimedBatch(int shard, List<BatchEntry> entries, int freshClaims) {

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public long amount() {
        return entries.stream().mapToLong(BatchEntry::delta).sum();
    }
}
