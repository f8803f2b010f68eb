package io.usercounter.app.sync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simple model the replicas are checked against: per user, the value a reader must see (MySQL plus
 * every acknowledged amount not flushed yet), how far MySQL may lag behind it, and which users are deleted.
 */
final class CounterModel {

    private final Map<Long, Long> values = new LinkedHashMap<>();
    /** Eventual amounts accepted since MySQL last held the whole value: MySQL may lag by at most this. */
    private final Map<Long, Long> mayLag = new HashMap<>();

    private final List<Long> deleted = new ArrayList<>();
    private long lost;

    void created(long user) {
        values.put(user, 0L);
        mayLag.put(user, 0L);
    }

    List<Long> alive() {
        return List.copyOf(values.keySet());
    }

    List<Long> deleted() {
        return List.copyOf(deleted);
    }

    long value(long user) {
        return values.get(user);
    }

    /** Every acknowledged increment counts, once; an Eventual one may be in Redis only for a while. */
    void incremented(long user, long by, boolean eventual) {
        values.merge(user, by, Long::sum);
        if (eventual) {
            mayLag.merge(user, by, Long::sum);
        }
    }

    /** A finished set overrides every amount acknowledged before it. */
    void set(long user, long value) {
        values.put(user, value);
    }

    void delete(long user) {
        values.remove(user);
        mayLag.remove(user);
        deleted.add(user);
    }

    /**
     * Redis lost everything (no flush was between claim and acknowledgement): the documented loss is what
     * it had acknowledged and MySQL did not have yet, and nothing more; MySQL holds the whole value now.
     */
    void redisLost(Map<Long, Long> mysql) {
        for (long user : alive()) {
            long gone = values.get(user) - mysql.get(user);
            assertThat(gone).as("amount of user %d lost with Redis", user).isBetween(0L, mayLag.get(user));
            lost += gone;
            values.put(user, mysql.get(user));
            mayLag.put(user, 0L);
        }
    }

    long lost() {
        return lost;
    }

    /** MySQL never runs ahead of what was acknowledged, and lags only by Eventual amounts not flushed yet. */
    void checkMysql(Map<Long, Long> mysql) {
        for (long user : alive()) {
            assertThat(mysql).as("MySQL row of user %d", user).containsKey(user);
            long lag = values.get(user) - mysql.get(user);
            assertThat(lag)
                    .as(
                            "model value %d minus MySQL counter %d of user %d (negative: counted twice)",
                            values.get(user), mysql.get(user), user)
                    .isBetween(0L, mayLag.get(user));
            if (lag == 0) {
                mayLag.put(user, 0L);
            }
        }
        for (long user : deleted) {
            assertThat(mysql).as("MySQL row of deleted user %d", user).doesNotContainKey(user);
        }
    }
}
