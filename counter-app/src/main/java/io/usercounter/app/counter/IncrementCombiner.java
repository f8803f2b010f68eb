package io.usercounter.app.counter;

import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.GroupCommit;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Group commit for Strong increments. Callers queue on the stripe of their user; whoever holds the
 * stripe's lock commits everything queued so far in one transaction (several users at once). It then
 * frees the stripe, so the next group commits while this one runs the caller's after-commit step once
 * for the whole group (caching the committed states); every caller is answered only after that, with
 * the value its own increment produced. A hot key thus costs one commit and one cache write per round
 * instead of one per request. The cache keeps the newest version, so groups may cache in any order.
 */
@Component
public class IncrementCombiner {

    // few stripes, so concurrent increments of different users share commits too; still a few
    // commits in flight at once, so one slow group does not hold up everybody
    static final int STRIPES = 4;
    static final int MAX_GROUP = 500;
    private static final long PARK_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final UserStore store;
    private final CounterMetrics metrics;
    private final Stripe[] stripes = new Stripe[STRIPES];

    public IncrementCombiner(UserStore store, CounterMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** A committed increment: the state of the row after the group, and this increment's own value. */
    public record Committed(CounterSnapshot snapshot, long value) {}

    /**
     * @param afterCommit runs once per group, with the committed state of each of its users, before
     *                    any caller of the group is answered
     */
    public Committed increment(long userId, long by, Consumer<Collection<CounterSnapshot>> afterCommit) {
        Stripe stripe = stripes[(int) Math.floorMod(userId, (long) STRIPES)];
        Request mine = new Request(userId, by, afterCommit, Thread.currentThread());
        stripe.queue.add(mine);
        while (!mine.done) {
            if (stripe.lock.tryLock()) {
                Group group = null;
                try {
                    if (!mine.done) {
                        group = commitQueued(stripe);
                    }
                } finally {
                    stripe.lock.unlock();
                }
                handOver(stripe);
                if (group != null) {
                    group.answer();
                } else if (!mine.done) {
                    // taken by a group that committed and is still caching: its committer wakes us
                    LockSupport.parkNanos(this, PARK_NS);
                }
            } else {
                LockSupport.parkNanos(this, PARK_NS);
            }
        }
        if (mine.failure instanceof Error error) {
            throw error;
        }
        if (mine.failure != null) {
            throw (RuntimeException) mine.failure;
        }
        return new Committed(mine.snapshot, mine.value);
    }

    /** Queued requests of this replica, for tests and metrics. */
    public int queued() {
        int total = 0;
        for (Stripe stripe : stripes) {
            total += stripe.queue.size();
        }
        return total;
    }

    /**
     * Commits what is queued, up to MAX_GROUP, and works out each caller's answer; answers nobody yet.
     *
     * @return null when nothing is queued
     */
    private Group commitQueued(Stripe stripe) {
        List<Request> requests = new ArrayList<>();
        SortedMap<Long, Long> amounts = new TreeMap<>();
        for (Request next; requests.size() < MAX_GROUP && (next = stripe.queue.poll()) != null; ) {
            requests.add(next);
            amounts.merge(next.userId, next.by, Long::sum);
        }
        if (requests.isEmpty()) {
            return null;
        }
        Group group = new Group(requests);
        long started = System.nanoTime();
        try {
            GroupCommit done = store.incrementAll(amounts);
            metrics.strongGroup(
                    requests.size(),
                    Duration.ofNanos(started - requests.get(0).queuedAt),
                    Duration.ofNanos(System.nanoTime() - started),
                    true);
            group.committed = done.committed();
            Map<Long, Long> before = new TreeMap<>();
            group.committed.forEach((user, state) -> before.put(user, state.counter() - amounts.get(user)));
            for (Request request : requests) {
                CounterSnapshot state = group.committed.get(request.userId);
                CounterSnapshot refused = done.outOfRange().get(request.userId);
                if (refused != null) {
                    request.failure = new CounterOutOfRangeException(request.userId, refused.counter(), request.by);
                } else if (state == null) {
                    request.failure = new UserNotFoundException(request.userId);
                } else {
                    request.snapshot = state;
                    request.value = before.merge(request.userId, request.by, Long::sum);
                }
            }
        } catch (RuntimeException | Error e) {
            // failed or unknown: nobody of the group is acknowledged; an Error too, or its callers would wait for ever
            metrics.strongGroup(
                    requests.size(),
                    Duration.ofNanos(started - requests.get(0).queuedAt),
                    Duration.ofNanos(System.nanoTime() - started),
                    false);
            group.fail(e);
        }
        return group;
    }

    /** The stripe is free again: wake its oldest waiting caller to commit what has queued meanwhile. */
    private static void handOver(Stripe stripe) {
        Request next = stripe.queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    /** A group after its commit (or its failure), before its callers are answered. */
    private static final class Group {
        final List<Request> requests;
        Map<Long, CounterSnapshot> committed; // null when the commit failed

        Group(List<Request> requests) {
            this.requests = requests;
        }

        void fail(Throwable failure) {
            committed = null;
            requests.forEach(request -> request.failure = failure);
        }

        /** Caches the committed states once for the group, then wakes each caller by itself, all at once. */
        void answer() {
            try {
                if (committed != null) {
                    // must not throw: the group is committed, so its callers are answered with their values
                    requests.get(0).afterCommit.accept(committed.values());
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                requests.forEach(Request::finish);
            }
        }
    }

    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    }

    /** Written by the committing thread, then published to its caller by the volatile {@code done}. */
    private static final class Request {
        final long userId;
        final long by;
        final Consumer<Collection<CounterSnapshot>> afterCommit;
        final Thread caller;
        final long queuedAt = System.nanoTime();
        CounterSnapshot snapshot;
        long value;
        Throwable failure; // a RuntimeException or an Error, nothing checked
        volatile boolean done;

        Request(long userId, long by, Consumer<Collection<CounterSnapshot>> afterCommit, Thread caller) {
            this.userId = userId;
            this.by = by;
            this.afterCommit = afterCommit;
            this.caller = caller;
        }

        void finish() {
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
