package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.e2e.client.CounterServiceClient;
import io.usercounter.e2e.client.UserCounters;
import io.usercounter.e2e.cluster.ClusterTarget;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One UserCounter's life, end to end, on the local stack or on kind (E2E_TARGET): each step builds on the one
 * before, as an application team would go through them. Counts are exact: every increment the suite sends is
 * retried with its Idempotency-Key until acknowledged, so the expected total is the number sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserCounterLifecycleIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAMESPACE = "e2e-" + SUFFIX;
    private static final String NAME = "counters";
    private static final String DATABASE = "e2e_" + SUFFIX;
    private static final Duration READY = Duration.ofSeconds(150);
    /** New each run and found nowhere else, so that the final scan finds it only where it leaked. */
    private static final String API_TOKEN =
            "e2e-api-token-" + UUID.randomUUID().toString().replace("-", "");

    private static ClusterTarget target;
    /** The user whose total is carried through every step, and its expected value. */
    private static long carriedUser;

    private static long carriedTotal;
    /** Objects and error bodies seen before a later step removed them, for the final scan for secret values. */
    private static final Map<String, String> SEEN = new TreeMap<>();

    @BeforeAll
    static void startTarget() {
        target = ClusterTarget.fromEnvironment();
        target.createDatabase(DATABASE);
        target.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(r -> r.update());
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.client().namespaces().withName(NAMESPACE).delete();
            target.dropDatabase(DATABASE);
            target.close();
        }
    }

    private static CounterServiceClient service() {
        return target.service(NAMESPACE, NAME).withBearerToken(API_TOKEN);
    }

    private static GenericKubernetesResource userCounter() {
        return UserCounters.of(target.client())
                .inNamespace(NAMESPACE)
                .withName(NAME)
                .get();
    }

    private static Deployment deployment() {
        return target.client()
                .apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(NAME)
                .get();
    }

    @SuppressWarnings("unchecked")
    private static void editSpec(Consumer<Map<String, Object>> change) {
        UserCounters.of(target.client()).inNamespace(NAMESPACE).withName(NAME).edit(resource -> {
            change.accept(
                    (Map<String, Object>) resource.getAdditionalProperties().get("spec"));
            return resource;
        });
    }

    /** Ready at the current generation, with every replica of the current template ready. */
    private static void awaitRolledOut() {
        await().atMost(READY).pollInterval(Duration.ofMillis(500)).until(() -> {
            GenericKubernetesResource uc = userCounter();
            Map<String, Object> status = UserCounters.status(uc);
            Deployment d = deployment();
            return UserCounters.isReady(uc)
                    && uc.getMetadata().getGeneration().equals(asLong(status.get("observedGeneration")))
                    && d != null
                    && d.getStatus() != null
                    && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getReplicas())
                    && target.runningReplicas(NAMESPACE, NAME).size() == 2;
        });
    }

    private static Long asLong(Object number) {
        return number instanceof Number n ? n.longValue() : null;
    }

    /** The counter settings every replica reports in /actuator/info, read over fresh connections until both answered. */
    private static Set<JsonNode> settingsSeenAcrossReplicas() {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            JsonNode counter = served(() -> service().info()).expect(200).body().path("counter");
            seen.add(counter);
        }
        return seen;
    }

    /**
     * Flushes pending increments and returns the user's counter as MySQL holds it. A batch claimed by a replica that
     * was stopped is finished by a surviving one on its next flush, so this syncs until MySQL reaches the expected
     * total, for at most a few sync intervals; anything else is returned and fails the caller's exact assertion.
     */
    private static long flushedTotal(long userId, long expected) {
        assertThat(counterOf(served(() -> service().count(userId, false))))
                .as("readers see database + pending deltas at once")
                .isEqualTo(expected);
        long inMysql = -1;
        for (int attempt = 0; attempt < 20 && inMysql != expected; attempt++) {
            if (attempt > 0) {
                pause(Duration.ofMillis(500));
            }
            served(() -> service().syncAll()).expect(200);
            inMysql = target.databaseCounter(DATABASE, userId);
        }
        assertThat(counterOf(served(() -> service().count(userId, true))))
                .as("?source=database agrees with MySQL itself")
                .isEqualTo(inMysql);
        return inMysql;
    }

    /**
     * Makes the change under continuous increments of the carried user and waits until it has rolled out; returns the
     * increments acknowledged meanwhile, which the carried total then includes.
     */
    private static long incrementsWhileRollingOut(String change, Runnable action) throws Exception {
        long acknowledged;
        long retried;
        try (IncrementLoad load = IncrementLoad.continuous(4, UserCounterLifecycleIT::service, carriedUser)) {
            action.run();
            awaitRolledOut();
            acknowledged = load.stop();
            retried = load.retries();
        }
        carriedTotal += acknowledged;
        System.out.printf(
                "%s: %d increments acknowledged while it rolled out (%d attempts retried); MySQL total %d%n",
                change, acknowledged, retried, carriedTotal);
        return acknowledged;
    }

    /**
     * A call retried while it answers 503 (a store that is briefly unreachable on this shared machine); increments
     * retried this way carry an Idempotency-Key, since a 503 may still have counted. Any other answer is returned as it is.
     */
    private static CounterServiceClient.Reply served(Supplier<CounterServiceClient.Reply> call) {
        CounterServiceClient.Reply reply = call.get();
        for (int attempt = 0; attempt < 20 && reply.status() == 503; attempt++) {
            pause(Duration.ofMillis(500));
            reply = call.get();
        }
        return reply;
    }

    private static long counterOf(CounterServiceClient.Reply reply) {
        return reply.expect(200).data().path("counter").asLong();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void secretsAndAUserCounterBecomeReadyWithTwoReadyReplicas() {
        target.client()
                .resource(UserCounterManifests.mysqlCredentials(NAMESPACE, target.databaseAccount()))
                .create();
        target.client()
                .resource(UserCounterManifests.apiToken(NAMESPACE, API_TOKEN))
                .create();
        target.client()
                .resource(UserCounterManifests.userCounter(
                        NAMESPACE,
                        NAME,
                        DATABASE,
                        UserCounterManifests.MYSQL_SECRET,
                        target.stores(),
                        target.ingress(NAMESPACE, NAME)))
                .create();

        GenericKubernetesResource ready = UserCounters.awaitReady(target.client(), NAMESPACE, NAME, READY);

        Map<String, Object> status = UserCounters.status(ready);
        assertThat(asLong(status.get("readyReplicas"))).isEqualTo(2L);
        assertThat(asLong(status.get("replicas"))).isEqualTo(2L);
        assertThat(status.get("consistency")).isEqualTo("Eventual");
        assertThat(status.get("syncInterval")).isEqualTo("2s");
        assertThat(target.runningReplicas(NAMESPACE, NAME)).hasSize(2);
    }

    @Test
    @Order(2)
    void theSeedClientFlowWorksThroughTheService() {
        CounterServiceClient client = service();

        JsonNode alice = served(() -> client.createUser("alice")).expect(201).data();
        long id = alice.path("id").asLong();
        assertThat(alice.path("username").asText()).isEqualTo("alice");
        assertThat(alice.path("counter").asLong()).isZero();
        // keyed, because a 503 from a store that timed out may still have counted the increment
        Optional<String> first = Optional.of(UUID.randomUUID().toString());
        Optional<String> second = Optional.of(UUID.randomUUID().toString());
        assertThat(counterOf(served(() -> client.increment(id, 1, first)))).isEqualTo(1);
        assertThat(counterOf(served(() -> client.increment(id, 41, second)))).isEqualTo(42);
        assertThat(counterOf(served(() -> client.count(id, false)))).isEqualTo(42);
        assertThat(counterOf(served(() -> client.user(id)))).isEqualTo(42);
        served(() -> client.deleteUser(id)).expect(200);
        assertThat(served(() -> client.user(id))
                        .expect(404)
                        .body()
                        .path("error")
                        .asText())
                .isEqualTo("user_not_found");
    }

    @Test
    @Order(3)
    void writesWithoutTheBearerTokenAreRefusedAndChangeNothing() {
        long id = served(() -> service().createUser("carol"))
                .expect(201)
                .data()
                .path("id")
                .asLong();
        CounterServiceClient withoutToken = target.service(NAMESPACE, NAME);
        CounterServiceClient withAnotherToken = withoutToken.withBearerToken("e2e-wrong-token-" + UUID.randomUUID());

        CounterServiceClient.Reply noToken = served(() -> withoutToken.increment(id, 5, Optional.empty()));
        CounterServiceClient.Reply wrongToken = served(() -> withAnotherToken.increment(id, 5, Optional.empty()));

        SEEN.put("401 body without a token", noToken.body().toString());
        SEEN.put("401 body with another token", wrongToken.body().toString());
        assertThat(noToken.expect(401).body().path("error").asText()).isEqualTo("unauthorized");
        assertThat(wrongToken.expect(401).body().path("error").asText()).isEqualTo("unauthorized");
        assertThat(counterOf(served(() -> withoutToken.count(id, false))))
                .as("reads need no token")
                .isZero();
    }

    @Test
    @Order(4)
    void concurrentIncrementsAcrossBothReplicasReachMysqlExactlyAfterASync() throws Exception {
        carriedUser = served(() -> service().createUser("bob"))
                .expect(201)
                .data()
                .path("id")
                .asLong();

        long sent = IncrementLoad.burst(8, 50, UserCounterLifecycleIT::service, carriedUser);
        carriedTotal = sent;

        assertThat(sent).isEqualTo(400);
        assertThat(flushedTotal(carriedUser, 400)).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aNewSyncIntervalRollsThePodsWithoutLosingAnAcknowledgedIncrement() throws Exception {
        Set<String> before = target.runningReplicas(NAMESPACE, NAME);

        long duringChange = incrementsWhileRollingOut(
                "syncInterval 2s -> 1s", () -> editSpec(spec -> spec.put("syncInterval", "1s")));

        assertThat(target.runningReplicas(NAMESPACE, NAME)).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(UserCounters.status(userCounter()).get("syncInterval")).isEqualTo("1s");
        assertThat(settingsSeenAcrossReplicas())
                .extracting(s -> s.path("syncIntervalMs").asLong())
                .containsOnly(1000L);
        assertThat(duringChange)
                .as("increments acknowledged while the change rolled out")
                .isPositive();
        assertThat(flushedTotal(carriedUser, carriedTotal)).isEqualTo(carriedTotal);
    }

    @Test
    @Order(6)
    void switchingToStrongRollsThePodsWithoutLosingAnAcknowledgedIncrement() throws Exception {
        Set<String> before = target.runningReplicas(NAMESPACE, NAME);

        long duringChange = incrementsWhileRollingOut(
                "consistency Eventual -> Strong", () -> editSpec(spec -> spec.put("consistency", "Strong")));

        assertThat(target.runningReplicas(NAMESPACE, NAME)).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(UserCounters.status(userCounter()).get("consistency")).isEqualTo("Strong");
        assertThat(settingsSeenAcrossReplicas())
                .extracting(s -> s.path("consistency").asText())
                .containsOnly("strong");
        assertThat(duringChange)
                .as("increments acknowledged while the change rolled out")
                .isPositive();
        assertThat(flushedTotal(carriedUser, carriedTotal)).isEqualTo(carriedTotal);
    }

    @Test
    @Order(7)
    void aKilledReplicaComesBackAndTheTotalStaysExact() throws Exception {
        Set<String> before = target.runningReplicas(NAMESPACE, NAME);

        long duringChange = incrementsWhileRollingOut("kill -9 of one replica", () -> {
            target.killOneReplica(NAMESPACE, NAME);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> target.runningReplicas(NAMESPACE, NAME).size() == 1);
        });

        Set<String> after = target.runningReplicas(NAMESPACE, NAME);
        assertThat(after).hasSize(2);
        assertThat(after.stream().filter(before::contains))
                .as("the replica that was not killed")
                .hasSize(1);
        assertThat(duringChange)
                .as("increments acknowledged while the change rolled out")
                .isPositive();
        assertThat(flushedTotal(carriedUser, carriedTotal)).isEqualTo(carriedTotal);
    }

    @Test
    @Order(8)
    void aUserCounterWithAMissingSecretSaysWhichInItsStatus() {
        String name = "no-secret";
        target.client()
                .resource(UserCounterManifests.userCounter(
                        NAMESPACE, name, DATABASE, "absent-creds", target.stores(), Optional.empty()))
                .create();

        Map<String, Object> ready = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> UserCounters.condition(
                                UserCounters.of(target.client())
                                        .inNamespace(NAMESPACE)
                                        .withName(name)
                                        .get(),
                                "Ready"),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(ready.get("status")).isEqualTo("False");
        assertThat(ready.get("reason")).isEqualTo("SecretNotFound");
        assertThat((String) ready.get("message"))
                .contains("absent-creds")
                .contains("not found in namespace " + NAMESPACE);
        assertThat(target.client()
                        .apps()
                        .deployments()
                        .inNamespace(NAMESPACE)
                        .withName(name)
                        .get())
                .isNull();
    }

    @Test
    @Order(9)
    void deletingTheUserCounterStopsItsAppProcesses() {
        assertThat(target.runningReplicas(NAMESPACE, NAME)).hasSize(2);
        SEEN.put("UserCounter " + NAME + " before deletion", Serialization.asJson(userCounter()));
        SEEN.put("Deployment " + NAME + " before deletion", Serialization.asJson(deployment()));

        UserCounters.of(target.client()).inNamespace(NAMESPACE).withName(NAME).delete();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> target.runningReplicas(NAMESPACE, NAME).isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deployment() == null
                        && target.client()
                                        .services()
                                        .inNamespace(NAMESPACE)
                                        .withName(NAME)
                                        .get()
                                == null);
    }

    @Test
    @Order(10)
    void noSecretValueIsInAnyLogEventStatusOrErrorBodyOfTheRun() {
        Optional<Map<String, String>> logs = target.processLogs();
        assumeTrue(logs.isPresent(), "this target does not keep every process's log to the end of the run");
        Map<String, String> texts = new TreeMap<>(logs.orElseThrow());
        texts.putAll(SEEN);
        for (GenericKubernetesResource uc :
                UserCounters.of(target.client()).inNamespace(NAMESPACE).list().getItems()) {
            texts.put("UserCounter " + uc.getMetadata().getName(), Serialization.asJson(uc));
        }
        for (var event :
                target.client().v1().events().inNamespace(NAMESPACE).list().getItems()) {
            texts.put("Event " + event.getMetadata().getName(), Serialization.asJson(event));
        }
        for (var event : target.client()
                .events()
                .v1()
                .events()
                .inNamespace(NAMESPACE)
                .list()
                .getItems()) {
            texts.put("events.k8s.io Event " + event.getMetadata().getName(), Serialization.asJson(event));
        }
        SecretValueScan scan = new SecretValueScan(
                Map.of("MySQL password", target.databaseAccount().password(), "API token", API_TOKEN));

        assertThat(logs.orElseThrow().keySet())
                .as("the logs of a full run")
                .contains("apiserver.log", "operator.log", "supervisor.log")
                .anyMatch(name -> name.startsWith(NAMESPACE + "."));
        assertThat(scan.findings(texts))
                .as("secret values in %d logs, objects and bodies", texts.size())
                .isEmpty();
    }
}
