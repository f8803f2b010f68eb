package io.usercounter.operator.reconciler;

import static io.usercounter.operator.TestUserCounters.MYSQL_SECRET;
import static io.usercounter.operator.TestUserCounters.REDIS_SECRET;
import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The referenced-Secret event source against fabric8's CRUD mock API server, which honours metadata.name selectors. */
class ReferencedSecretsEventSourceTest {

    static final String NS = "team-a";

    KubernetesMockServer server;
    KubernetesClient client;
    ReferencedSecretsEventSource source;
    final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        source = new ReferencedSecretsEventSource(client);
        source.setEventHandler(events::add);
        source.start();
    }

    @AfterEach
    void stop() {
        source.stop();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Vert.x sometimes does not finish closing the mock server's last connection within the 10 s
            // fabric8 waits ("Unable to close MockWebServer", seen once in CI): teardown, not the behaviour here
        }
    }

    @Test
    void holdsOnlyTheReferencedSecretsWhenUnrelatedOnesExist() {
        client.resource(mysqlSecret(NS, "pw")).create();
        client.resource(redisSecret(NS, "pw")).create();
        client.resource(secret(NS, "sh.helm.release.v1.other.v1", Map.of("release", "x".repeat(16 * 1024))))
                .create();
        client.resource(secret("team-b", MYSQL_SECRET, Map.of("username", "other")))
                .create();

        source.onResourceCreated(userCounter(NS, "demo"));

        assertThat(source.cachedSecrets())
                .containsExactlyInAnyOrder(new ResourceID(MYSQL_SECRET, NS), new ResourceID(REDIS_SECRET, NS));
    }

    @Test
    void secretCreatedAfterTheUserCounterReconcilesItsUsers() {
        source.onResourceCreated(userCounter(NS, "demo"));
        source.onResourceCreated(userCounter("team-b", "demo"));
        assertThat(source.find(new ResourceID(MYSQL_SECRET, NS))).isEmpty();

        client.resource(mysqlSecret(NS, "pw")).create();

        await().untilAsserted(() -> assertThat(events).containsExactly(new Event(new ResourceID("demo", NS))));
        assertThat(source.find(new ResourceID(MYSQL_SECRET, NS)).orElseThrow().getData())
                .containsKey("password");
    }

    @Test
    void secretNoLongerReferencedIsDropped() {
        client.resource(mysqlSecret(NS, "pw")).create();
        client.resource(redisSecret(NS, "pw")).create();
        client.resource(secret(NS, "api-token", Map.of("token", "t"))).create();
        var withAuth = userCounter(NS, "demo");
        withAuth.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));
        source.onResourceCreated(withAuth);
        assertThat(source.cachedSecrets()).contains(new ResourceID("api-token", NS));

        var withoutAuth = userCounter(NS, "demo");
        source.onResourceUpdated(withoutAuth, withAuth);

        assertThat(source.cachedSecrets())
                .containsExactlyInAnyOrder(new ResourceID(MYSQL_SECRET, NS), new ResourceID(REDIS_SECRET, NS));
    }

    @Test
    void secretsOfADeletedUserCounterAreDroppedUnlessAnotherReferencesThem() {
        client.resource(mysqlSecret(NS, "pw")).create();
        client.resource(redisSecret(NS, "pw")).create();
        var first = userCounter(NS, "first");
        var second = userCounter(NS, "second");
        second.getSpec().getRedis().setPasswordSecretRef(null);
        source.onResourceCreated(first);
        source.onResourceCreated(second);

        source.onResourceDeleted(first);
        assertThat(source.cachedSecrets()).isEqualTo(Set.of(new ResourceID(MYSQL_SECRET, NS)));

        source.onResourceDeleted(second);
        assertThat(source.cachedSecrets()).isEmpty();
    }
}
