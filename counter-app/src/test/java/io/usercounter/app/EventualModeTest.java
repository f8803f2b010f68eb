package io.usercounter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.fixture.Api;
import io.usercounter.app.fixture.Load;
import io.usercounter.app.fixture.ProxiedStores;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The app in Eventual mode against real MariaDB and Redis behind cut-able proxies. The sync interval
 * is an hour, so the tests decide when a flush runs (POST /api/v1/sync).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventualModeTest {

    static final ProxiedStores stores = new ProxiedStores();
    static final TestDatabase database = stores.database;
    static final TestRedis redis = stores.redis;
    static final TcpProxy mysqlProxy = stores.mysqlProxy;
    static final TcpProxy redisProxy = stores.redisProxy;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        stores.register(registry, "EVENTUAL");
    }

    @AfterAll
    static void dropStores() {
        stores.close();
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
        stores.restore();
    }

    @Test
    void manyThreadsOnManyUsersAndOneHotUserGiveExactTotalsBeforeAndAfterTheFlush() {
        List<Long> users = IntStream.range(0, 10)
                .mapToObj(i -> api.createUser("ev-many-" + i))
                .toList();
        long hot = api.createUser("ev-hot");

        // thread t adds t+1: each user gets 5 * (1+..+8) = 180, the hot user 25 * 36 = 900
        Load.onThreads(8, thread -> {
            for (int round = 0; round < 5; round++) {
                for (long user : users) {
                    assertThat(api.put("/api/v1/users/" + user + "/increment?by=" + (thread + 1), null)
                                    .status())
                            .isEqualTo(200);
                }
                for (int hit = 0; hit < 5; hit++) {
                    assertThat(api.put("/api/v1/users/" + hot + "/increment?by=" + (thread + 1), null)
                                    .status())
                            .isEqualTo(200);
                }
            }
        });
        long mysqlBeforeFlush = mysqlCounter(hot);
        JsonNode flushed = api.post("/api/v1/sync", null).data();

        assertThat(mysqlBeforeFlush).isZero();
        assertThat(flushed.path("users").asInt()).isEqualTo(11);
        assertThat(flushed.path("amount").asLong()).isEqualTo(10 * 180 + 900);
        for (long user : users) {
            assertThat(api.count(user, "cache")).isEqualTo(180);
            assertThat(api.get("/api/v1/users/" + user).data().path("counter").asLong())
                    .isEqualTo(180);
            assertThat(mysqlCounter(user)).isEqualTo(180);
        }
        assertThat(api.count(hot, "cache")).isEqualTo(900);
        assertThat(api.get("/api/v1/users/" + hot).data().path("counter").asLong())
                .isEqualTo(900);
        assertThat(mysqlCounter(hot)).isEqualTo(900);
    }

    @Test
    void syncStatusShowsThePendingAmountUntilTheUserIsSynced() {
        long id = api.createUser("ev-status");
        api.put("/api/v1/users/" + id + "/increment?by=12", null);

        JsonNode before = api.get("/api/v1/users/" + id + "/sync-status").data();
        JsonNode after = api.post("/api/v1/users/" + id + "/sync", null).data();

        assertThat(before.path("cache").asLong()).isEqualTo(12);
        assertThat(before.path("database").asLong()).isZero();
        assertThat(before.path("pending").asLong()).isEqualTo(12);
        assertThat(before.path("in_sync").asBoolean()).isFalse();
        assertThat(after.path("cache").asLong()).isEqualTo(12);
        assertThat(after.path("database").asLong()).isEqualTo(12);
        assertThat(after.path("pending").asLong()).isZero();
        assertThat(after.path("in_sync").asBoolean()).isTrue();
        assertThat(after.path("last_synced_at").asString()).isNotEmpty();
    }

    @Test
    void listShowsCountersWithTheirPendingAmounts() {
        long first = api.createUser("ev-list-a");
        long second = api.createUser("ev-list-b");
        api.put("/api/v1/users/" + first + "/increment?by=2", null);
        api.put("/api/v1/users/" + second + "/increment?by=3", null);

        JsonNode users =
                api.get("/api/v1/users?limit=2&after_id=" + (first - 1)).data().path("users");

        assertThat(users.findValuesAsString("username")).containsExactly("ev-list-a", "ev-list-b");
        assertThat(users.findValues("counter").stream().map(JsonNode::asLong)).containsExactly(2L, 3L);
    }

    @Test
    void cacheMissIsRebuiltFromMysqlPlusPendingAmounts() {
        long id = api.createUser("ev-rebuild");
        api.put("/api/v1/users/" + id + "/increment?by=5", null);
        api.post("/api/v1/sync", null);
        api.put("/api/v1/users/" + id + "/increment?by=3", null);
        redis.commands().del("{" + redis.prefix() + ":" + (id % 16) + "}:db:" + id);

        JsonNode read = api.get("/api/v1/users/" + id + "/count").data();

        assertThat(read.path("counter").asLong()).isEqualTo(8);
        assertThat(read.path("source").asString()).isEqualTo("database");
        assertThat(api.put("/api/v1/users/" + id + "/increment", null)
                        .data()
                        .path("counter")
                        .asLong())
                .isEqualTo(9);
    }

    @Test
    void retriedIdempotencyKeyCountsOnceAndAnswersTheSame() {
        long id = api.createUser("ev-idem");
        Map<String, String> key = Map.of("Idempotency-Key", "ev-req-1");

        Api.Reply first = api.send("PUT", "/api/v1/users/" + id + "/increment?by=4", null, key);
        Api.Reply retry = api.send("PUT", "/api/v1/users/" + id + "/increment?by=4", null, key);
        api.put("/api/v1/users/" + id + "/increment", null);
        api.post("/api/v1/sync", null);

        assertThat(first.data().path("counter").asLong()).isEqualTo(4);
        assertThat(retry.data().path("counter").asLong()).isEqualTo(4);
        assertThat(mysqlCounter(id)).isEqualTo(5);
    }

    @Test
    void mysqlCutWhileIncrementsContinueLosesNothingAndReadinessStaysUp() {
        List<Long> users = IntStream.range(0, 4)
                .mapToObj(i -> api.createUser("ev-cut-" + i))
                .toList();
        users.forEach(user -> api.put("/api/v1/users/" + user + "/increment", null));

        mysqlProxy.cut();
        Load.onThreads(4, thread -> {
            for (int round = 0; round < 10; round++) {
                for (long user : users) {
                    assertThat(api.put("/api/v1/users/" + user + "/increment?by=2", null)
                                    .status())
                            .isEqualTo(200);
                }
            }
        });
        Api.Reply flushDuringOutage = api.post("/api/v1/sync", null);
        int readiness = api.get("/actuator/health/readiness").status();
        List<Long> visibleDuringOutage =
                users.stream().map(user -> api.count(user, "cache")).toList();
        mysqlProxy.restore();

        assertThat(flushDuringOutage.status()).isEqualTo(503);
        assertThat(flushDuringOutage.json().path("error").asString()).isEqualTo("database_unavailable");
        assertThat(readiness).isEqualTo(200);
        assertThat(visibleDuringOutage).containsOnly(81L);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.post("/api/v1/sync", null).status() == 200);
        users.forEach(user -> assertThat(mysqlCounter(user)).isEqualTo(81));
    }

    @Test
    void redisCutRefusesIncrementsWith503() {
        long id = api.createUser("ev-redis-cut");

        redisProxy.cut();
        Api.Reply refused = api.put("/api/v1/users/" + id + "/increment", null);
        redisProxy.restore();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").asString()).isEqualTo("cache_unavailable");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.put("/api/v1/users/" + id + "/increment", null).status() == 200);
        assertThat(api.count(id, "cache")).isEqualTo(1);
    }

    @Test
    void infoReportsTheEffectiveSettings() {
        JsonNode counter = api.get("/actuator/info").json().path("counter");

        assertThat(counter.path("consistency").asString()).isEqualTo("eventual");
        assertThat(counter.path("syncIntervalMs").asLong()).isEqualTo(3_600_000);
        assertThat(counter.path("keyPrefix").asString()).isEqualTo(redis.prefix());
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
