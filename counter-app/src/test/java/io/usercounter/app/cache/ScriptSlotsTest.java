package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.store.CounterSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every script call the cache makes touches one Redis Cluster slot: its KEYS, and the key prefixes it
 * builds further keys from, all hash (CRC16) to the same slot.
 */
class ScriptSlotsTest {

    static final TestRedis redis = new TestRedis();
    static final ClientResources resources = RedisConfiguration.resources();
    static final RecordingLink link = new RecordingLink(
            new SingleNodeTopology(resources, RedisURI.create(redis.url()), Duration.ofSeconds(2), null));
    static final CounterCache cache = new CounterCache(
            link, new CounterKeys(redis.prefix()), Duration.ofMinutes(1), Duration.ofSeconds(2), () -> 1L << 40);

    @AfterAll
    static void close() {
        link.close();
        resources.shutdown();
        redis.close();
    }

    @Test
    void everyScriptCallTouchesOneSlot() {
        exerciseEveryScript();

        assertThat(link.calls)
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.slots()).as(call.toString()).hasSize(1));
        assertThat(link.calls.stream().map(ScriptCall::script).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Stream.of(CounterScript.values())
                        .map(script -> script.lua().name())
                        .toList());
    }

    private static void exerciseEveryScript() {
        for (long user : List.of(3L, 20L, 31L)) {
            cache.install(new CounterSnapshot(user, 5, 1, 0));
            cache.addPending(user, 2, "retry-" + user);
            cache.state(user);
        }
        cache.states(List.of(3L, 20L, 31L));
        ClaimedBatch batch = cache.claim(CounterKeys.shardOf(3), 10);
        cache.acknowledge(
                batch,
                Map.of(3L, new CounterSnapshot(3, 7, 2, batch.entries().get(0).seq())));
        cache.claimUser(20);
        cache.afterSet(new CounterSnapshot(20, 100, 3, 0), cache.reserveFence(20));
        cache.evict(31);
        cache.installOverDeletion(new CounterSnapshot(31, 1, 1, 0));
        cache.forgetSnapshot(20);
        if (cache.reserve(3, "reserved-3") instanceof KeyReservation.Reserved reserved) {
            cache.release(3, "reserved-3", reserved);
        }
        cache.recordIncrement(20, "answered-20", 2, 9);
    }

    record ScriptCall(String script, List<String> keys, List<String> args) {

        /** The slots of KEYS plus those of key prefixes ({prefix:shard}:...) passed as arguments. */
        Set<Integer> slots() {
            return Stream.concat(keys.stream(), args.stream().filter(arg -> arg.matches("\\{[^}]+}.*")))
                    .map(SlotHash::getSlot)
                    .collect(Collectors.toSet());
        }
    }

    /** The production link, recording what each script call sends (runPipelined goes through runEach). */
    static final class RecordingLink extends RedisLink {

        final List<ScriptCall> calls = new ArrayList<>();

        RecordingLink(RedisTopology topology) {
            super(topology);
        }

        @Override
        public <T> T run(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
            calls.add(new ScriptCall(script.name(), List.of(keys), List.of(args)));
            return super.run(script, type, keys, args);
        }

        @Override
        public <T> T runConfirmed(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
            calls.add(new ScriptCall(script.name(), List.of(keys), List.of(args)));
            return super.runConfirmed(script, type, keys, args);
        }

        @Override
        public <T> List<T> runEach(LuaScript script, ScriptOutputType type, List<String[]> keys, List<String[]> args) {
            for (int i = 0; i < keys.size(); i++) {
                calls.add(new ScriptCall(script.name(), List.of(keys.get(i)), List.of(args.get(i))));
            }
            return super.runEach(script, type, keys, args);
        }
    }
}
