package io.usercounter.app.store;

import static io.usercounter.app.store.jooq.Tables.IDEMPOTENCY_KEYS;
import static io.usercounter.app.store.jooq.Tables.USERS;

import io.usercounter.app.store.jooq.tables.records.UsersRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

/** The users table through jOOQ: every write bumps {@code version}, so states are totally ordered. */
@Repository
public class UserStore {

    static final int ROWS_PER_STATEMENT = 1_000;
    /** last_synced_at of a user never flushed: the column's default (V5), not NULL, so a flush writes it in place. */
    static final LocalDateTime NEVER_SYNCED = LocalDateTime.of(1000, 1, 1, 0, 0);

    private final DSLContext dsl;
    private final Clock clock;

    public UserStore(DSLContext dsl) {
        this.dsl = dsl;
        this.clock = Clock.systemUTC();
    }

    /** @return the new user, or empty when another user has this username */
    public Optional<StoredUser> create(String username) {
        LocalDateTime now = now();
        try {
            // no INSERT ... RETURNING: mysql-connector-j refuses it even where MariaDB accepts it
            Long id = dsl.transactionResult(cfg -> {
                cfg.dsl()
                        .insertInto(USERS)
                        .set(USERS.USERNAME, username)
                        .set(USERS.COUNTER, 0L)
                        .set(USERS.VERSION, 1L)
                        .set(USERS.APPLIED_SEQ, 0L)
                        .set(USERS.CREATED_AT, now)
                        .set(USERS.UPDATED_AT, now)
                        .execute();
                return cfg.dsl()
                        .select(USERS.ID)
                        .from(USERS)
                        .where(USERS.USERNAME.eq(username))
                        .fetchOne(USERS.ID);
            });
            return Optional.of(new StoredUser(id, username, 0, 1, 0, instant(now), instant(now), null));
        } catch (DataIntegrityViolationException | IntegrityConstraintViolationException e) {
            return Optional.empty();
        }
    }

    public Optional<StoredUser> find(long id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(UserStore::toUser);
    }

    /** Keyset paging: the users whose id is above {@code afterId}, in id order. */
    public List<StoredUser> page(long afterId, int limit) {
        return dsl.selectFrom(USERS)
                .where(USERS.ID.gt(afterId))
                .orderBy(USERS.ID)
                .limit(limit)
                .fetch(UserStore::toUser);
    }

    public boolean delete(long id) {
        return dsl.transactionResult(cfg -> {
            cfg.dsl()
                    .deleteFrom(IDEMPOTENCY_KEYS)
                    .where(IDEMPOTENCY_KEYS.USER_ID.eq(id))
                    .execute();
            return cfg.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute() == 1;
        });
    }

    public Optional<CounterSnapshot> snapshot(long id) {
        return snapshots(dsl, List.of(id)).values().stream().findFirst();
    }

    /**
     * Adds {@code by} in one transaction. With an Idempotency-Key, the key is stored in the same
     * transaction, so a retry finds it and gets the first answer instead of a second increment.
     */
    public Optional<StrongIncrement> increment(long id, long by, String idempotencyKey) {
        try {
            return dsl.transactionResult(cfg -> incrementIn(cfg.dsl(), id, by, idempotencyKey));
        } catch (DataIntegrityViolationException | IntegrityConstraintViolationException e) {
            // a concurrent retry with the same key committed first: answer as that one did
            return dsl.transactionResult(cfg -> incrementIn(cfg.dsl(), id, by, idempotencyKey));
        }
    }

    /** The amount and answer MySQL recorded for an Idempotency-Key, if a Strong increment committed it. */
    public Optional<StrongIncrement> recordedIncrement(long id, String idempotencyKey) {
        return dsl.select(IDEMPOTENCY_KEYS.AMOUNT, IDEMPOTENCY_KEYS.COUNTER)
                .from(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.USER_ID.eq(id), IDEMPOTENCY_KEYS.IDEM_KEY.eq(idempotencyKey))
                .fetchOptional(prior -> new StrongIncrement(null, prior.value2(), true, prior.value1()));
    }

    /**
     * Adds several amounts in one transaction and one statement: the group commit behind
     * {@code IncrementCombiner}. A user whose amount would take it above {@link CounterRange#MAX} is refused
     * alone; the others of the group are applied.
     *
     * @param amounts by user id, in id order
     */
    public GroupCommit incrementAll(SortedMap<Long, Long> amounts) {
        try {
            return dsl.transactionResult(cfg -> {
                int applied = addWithinRange(cfg.dsl(), amounts);
                Map<Long, CounterSnapshot> committed = snapshots(cfg.dsl(), amounts.keySet());
                if (applied != committed.size()) {
                    throw new SomeOutOfRange(); // rare: roll back, then split the group under a locking read
                }
                return new GroupCommit(committed, Map.of());
            });
        } catch (SomeOutOfRange e) {
            return incrementAllSplittingOutOfRange(amounts);
        }
    }

    private GroupCommit incrementAllSplittingOutOfRange(SortedMap<Long, Long> amounts) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SortedMap<Long, Long> fitting = new TreeMap<>();
            Map<Long, CounterSnapshot> outOfRange = new HashMap<>();
            tx.select(USERS.ID, USERS.COUNTER, USERS.VERSION, USERS.APPLIED_SEQ)
                    .from(USERS)
                    .where(USERS.ID.in(amounts.keySet()))
                    .orderBy(USERS.ID)
                    .forUpdate()
                    .fetch()
                    .map(UserStore::toSnapshot)
                    .forEach(state -> {
                        long amount = amounts.get(state.userId());
                        if (state.counter() <= CounterRange.MAX - amount) {
                            fitting.put(state.userId(), amount);
                        } else {
                            outOfRange.put(state.userId(), state);
                        }
                    });
            if (fitting.isEmpty()) {
                return new GroupCommit(Map.of(), outOfRange);
            }
            addWithinRange(tx, fitting);
            return new GroupCommit(snapshots(tx, fitting.keySet()), outOfRange);
        });
    }

    /** @return the rows updated; a row whose amount would exceed the range is left as it is */
    private int addWithinRange(DSLContext tx, SortedMap<Long, Long> amounts) {
        LocalDateTime now = now();
        if (amounts.size() == 1) {
            long amount = amounts.get(amounts.firstKey());
            return tx.update(USERS)
                    .set(USERS.COUNTER, USERS.COUNTER.plus(amount))
                    .set(USERS.VERSION, USERS.VERSION.plus(1))
                    .set(USERS.UPDATED_AT, now)
                    .where(USERS.ID.eq(amounts.firstKey()), USERS.COUNTER.le(CounterRange.MAX - amount))
                    .execute();
        }
        // one statement for the whole group, rows in id order (a SortedMap)
        BatchTable group = BatchTable.of(amounts.entrySet().stream()
                .map(amount -> new BatchEntry(amount.getKey(), amount.getValue(), 0))
                .toList());
        return tx.update(USERS.join(group.table()).on(USERS.ID.eq(group.userId())))
                .set(USERS.COUNTER, USERS.COUNTER.plus(group.delta()))
                .set(USERS.VERSION, USERS.VERSION.plus(1))
                .set(USERS.UPDATED_AT, now)
                .where(USERS.COUNTER.le(DSL.val(CounterRange.MAX).minus(group.delta())))
                .execute();
    }

    /** Rolls back the optimistic group commit. */
    private static final class SomeOutOfRange extends RuntimeException {
        SomeOutOfRange() {
            super(null, null, false, false);
        }
    }

    private Optional<StrongIncrement> incrementIn(DSLContext tx, long id, long by, String idempotencyKey) {
        if (idempotencyKey != null) {
            var prior = tx.select(IDEMPOTENCY_KEYS.AMOUNT, IDEMPOTENCY_KEYS.COUNTER)
                    .from(IDEMPOTENCY_KEYS)
                    .where(IDEMPOTENCY_KEYS.USER_ID.eq(id), IDEMPOTENCY_KEYS.IDEM_KEY.eq(idempotencyKey))
                    .fetchOne();
            if (prior != null) {
                if (prior.value1() != by) {
                    throw new IdempotencyKeyReusedException(prior.value1(), by);
                }
                return Optional.of(new StrongIncrement(null, prior.value2(), true, by));
            }
        }
        int updated = tx.update(USERS)
                .set(USERS.COUNTER, USERS.COUNTER.plus(by))
                .set(USERS.VERSION, USERS.VERSION.plus(1))
                .set(USERS.UPDATED_AT, now())
                .where(USERS.ID.eq(id), USERS.COUNTER.le(CounterRange.MAX - by))
                .execute();
        if (updated == 0) {
            // a locking read, as the UPDATE's: the key lookup opened a snapshot from before a delete that the
            // UPDATE has seen, and a plain read of it would call a deleted user out of range
            Optional<Long> current = tx.select(USERS.COUNTER)
                    .from(USERS)
                    .where(USERS.ID.eq(id))
                    .forUpdate()
                    .fetchOptional(USERS.COUNTER);
            if (current.isPresent()) {
                throw new CounterOutOfRangeException(id, current.get(), by);
            }
            return Optional.empty();
        }
        CounterSnapshot committed = snapshots(tx, List.of(id)).get(id);
        if (idempotencyKey != null) {
            tx.insertInto(IDEMPOTENCY_KEYS)
                    .set(IDEMPOTENCY_KEYS.USER_ID, id)
                    .set(IDEMPOTENCY_KEYS.IDEM_KEY, idempotencyKey)
                    .set(IDEMPOTENCY_KEYS.AMOUNT, by)
                    .set(IDEMPOTENCY_KEYS.COUNTER, committed.counter())
                    .set(IDEMPOTENCY_KEYS.CREATED_AT, now())
                    .execute();
        }
        return Optional.of(new StrongIncrement(committed, committed.counter(), false, by));
    }

    /**
     * Sets the value and raises {@code applied_seq} to {@code fenceSeq}, so an Eventual batch
     * claimed before the set can no longer be applied on top of it.
     */
    public Optional<CounterSnapshot> set(long id, long value, long fenceSeq) {
        return dsl.transactionResult(cfg -> {
            int updated = cfg.dsl()
                    .update(USERS)
                    .set(USERS.COUNTER, value)
                    .set(USERS.VERSION, USERS.VERSION.plus(1))
                    .set(USERS.APPLIED_SEQ, DSL.greatest(USERS.APPLIED_SEQ, DSL.val(fenceSeq)))
                    .set(USERS.UPDATED_AT, now())
                    .where(USERS.ID.eq(id))
                    .execute();
            return updated == 0
                    ? Optional.<CounterSnapshot>empty()
                    : Optional.of(snapshots(cfg.dsl(), List.of(id)).get(id));
        });
    }

    /**
     * Applies a claimed batch in one transaction. Each row is fenced by the batch's sequence number,
     * so a batch that was applied once (by any replica) adds nothing the second time.
     *
     * @param beforeCommit runs inside the transaction after the updates; a failure there rolls back
     * @return the committed state of every row of the batch that still exists
     */
    public Map<Long, CounterSnapshot> applyBatch(Collection<BatchEntry> entries, Runnable beforeCommit) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            LocalDateTime now = now();
            // rows in id order, like every multi-row transaction here, so two of them never deadlock
            List<BatchEntry> sorted = entries.stream()
                    .sorted(Comparator.comparingLong(BatchEntry::userId))
                    .toList();
            Map<Long, CounterSnapshot> committed = new HashMap<>();
            for (int from = 0; from < sorted.size(); from += ROWS_PER_STATEMENT) {
                BatchTable batch =
                        BatchTable.of(sorted.subList(from, Math.min(from + ROWS_PER_STATEMENT, sorted.size())));
                tx.update(USERS.join(batch.table()).on(USERS.ID.eq(batch.userId())))
                        .set(USERS.COUNTER, USERS.COUNTER.plus(batch.delta()))
                        .set(USERS.VERSION, USERS.VERSION.plus(1))
                        .set(USERS.APPLIED_SEQ, batch.seq())
                        .set(USERS.UPDATED_AT, now)
                        .set(USERS.LAST_SYNCED_AT, now)
                        .where(USERS.APPLIED_SEQ.lt(batch.seq()))
                        // a row the batch would take out of range stays as it is and blocks no other row
                        .and(USERS.COUNTER.le(DSL.val(CounterRange.MAX).minus(batch.delta())))
                        .execute();
                // a locking read: a plain one would answer from the snapshot the first chunk's read took, so a
                // row of a later chunk that another transaction wrote since would be reported as it was
                tx.select(USERS.ID, USERS.COUNTER, USERS.VERSION, USERS.APPLIED_SEQ)
                        .from(USERS.join(batch.table()).on(USERS.ID.eq(batch.userId())))
                        .forUpdate()
                        .fetch()
                        .forEach(row -> committed.put(row.value1(), toSnapshot(row)));
            }
            beforeCommit.run();
            return committed;
        });
    }

    /** Deletes at most {@code limit} keys older than {@code age}, oldest first, in one short transaction. */
    public int forgetIdempotencyKeysOlderThan(Duration age, int limit) {
        return dsl.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(now().minus(age)))
                .orderBy(IDEMPOTENCY_KEYS.CREATED_AT)
                .limit(limit)
                .execute();
    }

    private static Map<Long, CounterSnapshot> snapshots(DSLContext tx, Collection<Long> ids) {
        return tx
                .select(USERS.ID, USERS.COUNTER, USERS.VERSION, USERS.APPLIED_SEQ)
                .from(USERS)
                .where(USERS.ID.in(ids))
                .fetch()
                .stream()
                .map(UserStore::toSnapshot)
                .collect(Collectors.toMap(CounterSnapshot::userId, Function.identity()));
    }

    private static CounterSnapshot toSnapshot(Record4<Long, Long, Long, Long> row) {
        return new CounterSnapshot(row.value1(), row.value2(), row.value3(), row.value4());
    }

    private static StoredUser toUser(UsersRecord row) {
        return new StoredUser(
                row.getId(),
                row.getUsername(),
                row.getCounter(),
                row.getVersion(),
                row.getAppliedSeq(),
                instant(row.getCreatedAt()),
                instant(row.getUpdatedAt()),
                row.getLastSyncedAt().equals(NEVER_SYNCED) ? null : instant(row.getLastSyncedAt()));
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
