package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** After a failed connect the link waits one second on a monotonic clock before it tries again. */
class RedisLinkBackOffTest {

    final AtomicLong nanoTime = new AtomicLong(-5_000_000_000L); // nanoTime may be negative; only differences count
    final AtomicInteger attempts = new AtomicInteger();
    final RedisLink link = new RedisLink(
            new RedisTopology() {
                @Override
                public RedisSession connect() {
                    attempts.incrementAndGet();
                    throw new RedisConnectionException("connection refused");
                }

                @Override
                public void shutdown() {}

                @Override
                public StatefulRedisConnection<String, String> claimConnection(String key) {
                    throw new RedisConnectionException("connection refused");
                }

                @Override
                public int replicasToConfirm(IntSupplier connectedReplicas) {
                    return 0;
                }
            },
            nanoTime::get);

    @Test
    void aCallWithinTheBackOffFailsAtOnceWithoutConnecting() {
        assertThatThrownBy(() -> link.call(commands -> commands.ping())).isInstanceOf(CacheUnavailableException.class);
        nanoTime.addAndGet(RedisLink.RETRY_CONNECT_AFTER_NS - 1);

        assertThatThrownBy(() -> link.call(commands -> commands.ping())).hasMessage("Redis is not reachable");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theNextCallAfterTheBackOffConnectsAgain() {
        assertThatThrownBy(() -> link.call(commands -> commands.ping())).isInstanceOf(CacheUnavailableException.class);
        nanoTime.addAndGet(RedisLink.RETRY_CONNECT_AFTER_NS);

        assertThatThrownBy(() -> link.call(commands -> commands.ping())).hasMessageContaining("connection refused");
        assertThat(attempts).hasValue(2);
    }
}
