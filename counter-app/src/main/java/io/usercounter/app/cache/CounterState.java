package io.usercounter.app.cache;

import io.usercounter.app.store.CounterSnapshot;
import java.util.List;

/**
 * What Redis holds for one counter: the cached MySQL snapshot (if any) and the Eventual deltas.
 *
 * @param cached       whether a snapshot is cached
 * @param counter      the cached MySQL value
 * @param appliedSeq   the last batch the cached MySQL value contains
 * @param pending      deltas not yet claimed by a flush
 * @param inflight     the delta of the claimed batch
 * @param batchSeq     the claimed batch's sequence number, 0 when none
 */
public record CounterState(
        boolean cached, long counter, long version, long appliedSeq, long pending, long inflight, long batchSeq) {

    static CounterState of(List<Object> reply) {
        return new CounterState(
                ((Long) reply.get(0)) == 1,
                (Long) reply.get(1),
                (Long) reply.get(2),
                (Long) reply.get(3),
                (Long) reply.get(4),
                (Long) reply.get(5),
                (Long) reply.get(6));
    }

    /** The deltas a MySQL state with {@code appliedSeq} does not contain yet. */
    public long unflushedOver(long mysqlAppliedSeq) {
        return pending + (batchSeq > mysqlAppliedSeq ? inflight : 0);
    }

    /** The value a reader sees: the cached MySQL value plus what is not flushed yet. */
    public long value() {
        return counter + unflushedOver(appliedSeq);
    }

    /** The rebuild on a miss: a MySQL state read now plus the pending and in-flight amounts. */
    public long valueOver(CounterSnapshot mysql) {
        return mysql.counter() + unflushedOver(mysql.appliedSeq());
    }
}
