package io.usercounter.e2e;

import io.usercounter.e2e.client.CounterServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Clients incrementing one user, each on its own connections so the Service spreads them over the replicas.
 * A failed increment is retried with the same Idempotency-Key until acknowledged, so every increment sent counts
 * exactly once and the expected total is simply the number sent.
 */
final class IncrementLoad implements AutoCloseable {

    private final ExecutorService workers;
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private IncrementLoad(int clients) {
        this.workers = Executors.newFixedThreadPool(clients);
    }

    /** Runs until {@link #stop()}, pausing between increments so that the machine's two cores stay usable. */
    static IncrementLoad continuous(int clients, Supplier<CounterServiceClient> service, long userId) {
        IncrementLoad load = new IncrementLoad(clients);
        for (int i = 0; i < clients; i++) {
            CounterServiceClient client = service.get();
            load.running.add(load.workers.submit(() -> {
                while (!load.stopping.get()) {
                    load.incrementOnce(client, userId);
                    pause(20);
                }
            }));
        }
        return load;
    }

    /** Sends exactly {@code perClient} increments from each client, as fast as they are answered. */
    static long burst(int clients, int perClient, Supplier<CounterServiceClient> service, long userId)
            throws Exception {
        try (IncrementLoad load = new IncrementLoad(clients)) {
            for (int i = 0; i < clients; i++) {
                CounterServiceClient client = service.get();
                load.running.add(load.workers.submit(() -> {
                    for (int n = 0; n < perClient; n++) {
                        load.incrementOnce(client, userId);
                    }
                }));
            }
            return load.stop();
        }
    }

    private void incrementOnce(CounterServiceClient client, long userId) {
        String key = UUID.randomUUID().toString();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (client.increment(userId, 1, Optional.of(key)).status() == 200) {
                    acknowledged.incrementAndGet();
                    return;
                }
            } catch (RuntimeException e) {
                // a replica stopping or killed mid-request: the same key makes the retry count once
            }
            retries.incrementAndGet();
            pause(100);
        }
    }

    /** Waits for every in-flight increment to be acknowledged and returns how many were. */
    long stop() throws Exception {
        stopping.set(true);
        for (Future<?> worker : running) {
            worker.get(120, TimeUnit.SECONDS);
        }
        return acknowledged.get();
    }

    long retries() {
        return retries.get();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping.set(true);
        workers.shutdownNow();
    }
}
