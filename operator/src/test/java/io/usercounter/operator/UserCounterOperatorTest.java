package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.decoded;
import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.usercounter.operator.api.v1alpha1.Condition;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import io.usercounter.operator.config.OperatorConfig;
import io.usercounter.operator.dependent.ConfigHash;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator, wired as main() wires it, against fabric8's mock API server in CRUD mode with the generated
 * CRD applied. The mock cannot do server-side apply, so these tests, and only these, run with
 * OPERATOR_SERVER_SIDE_APPLY=false; production keeps the default (true).
 */
class UserCounterOperatorTest {

    static final String DEFAULT_IMAGE = "registry.test/counter-app:1.0";
    static final AtomicInteger NAMESPACES = new AtomicInteger();

    static KubernetesMockServer server;
    static KubernetesClient client;
    static UserCounterOperator operator;

    String namespace;

    @BeforeAll
    static void startOperator() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init();
        client = server.createClient();
        try (var crd = new FileInputStream("target/classes/META-INF/fabric8/usercounters.usercounter.io-v1.yml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
        }
        operator = UserCounterOperator.start(OperatorConfig.fromEnvironment(Map.of(
                OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false",
                OperatorConfig.OPERATOR_HEALTH_PORT, "0",
                OperatorConfig.COUNTER_APP_IMAGE, DEFAULT_IMAGE)), client);
    }

    @AfterAll
    static void stopOperator() {
        operator.close();
        client.close();
        server.destroy();
    }

    @BeforeEach
    void freshNamespace() {
        namespace = "test-" + NAMESPACES.incrementAndGet();
    }

    @Test
    void configSecretHoldsTheConnectionSettingsBuiltFromSpecAndReferencedSecrets() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "p@ss word");

        Secret config = awaitObject(Secret.class, "demo-config");

        assertThat(config.getData()).containsOnlyKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "COUNTER_REDIS_URL");
        assertThat(decoded(config, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:mysql://mysql.infra:3306/counters_demo");
        assertThat(decoded(config, "SPRING_DATASOURCE_USERNAME")).isEqualTo("counter");
        assertThat(decoded(config, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("s3cret");
        assertThat(decoded(config, "COUNTER_REDIS_URL")).isEqualTo("redis://:p%40ss%20word@redis.infra:6379");
        assertManaged(config, "demo");
    }

    @Test
    void deploymentRunsTheCounterAppAsSpecified() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");

        Deployment deployment = awaitObject(Deployment.class, "demo");

        var spec = deployment.getSpec();
        assertThat(spec.getReplicas()).isEqualTo(2);
        assertThat(spec.getSelector().getMatchLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo"));
        var pod = spec.getTemplate();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "demo");
        assertThat(pod.getMetadata().getAnnotations().get(ConfigHash.ANNOTATION)).matches("[0-9a-f]{32}");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getVolumes()).singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getName()).isEqualTo("counter-app");
        assertThat(container.getImage()).isEqualTo(DEFAULT_IMAGE);
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(source -> assertThat(source.getSecretRef().getName()).isEqualTo("demo-config"));
        assertThat(env(deployment)).isEqualTo(Map.of("COUNTER_CONSISTENCY", "eventual",
                "COUNTER_SYNC_INTERVAL", "5s", "COUNTER_KEY_PREFIX", "uc-" + namespace + "-demo"));
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        var security = container.getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertManaged(deployment, "demo");
    }

    @Test
    void serviceExposesPort80ToTheHttpPort() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");

        Service service = awaitObject(Service.class, "demo");

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
        });
        assertManaged(service, "demo");
    }

    @Test
    void podDisruptionBudgetKeepsOnePodWhileThereAreTwoReplicas() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");

        PodDisruptionBudget pdb = awaitObject(PodDisruptionBudget.class, "demo");
        assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "demo");
        assertManaged(pdb, "demo");

        editSpec("demo", uc -> uc.getSpec().setReplicas(1));
        await().untilAsserted(() -> assertThat(get(PodDisruptionBudget.class, "demo")).isNull());
    }

    @Test
    void ingressExistsOnlyWhileEnabled() {
        var userCounter = userCounter(namespace, "demo");
        var ingressSpec = new IngressSpec();
        ingressSpec.setEnabled(true);
        ingressSpec.setHost("demo.counters.test");
        ingressSpec.setClassName("nginx");
        ingressSpec.setTlsSecretName("demo-tls");
        userCounter.getSpec().setIngress(ingressSpec);
        applyWithSecrets(userCounter, "s3cret", "redis-pw");

        Ingress ingress = awaitObject(Ingress.class, "demo");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        var rule = ingress.getSpec().getRules().get(0);
        assertThat(rule.getHost()).isEqualTo("demo.counters.test");
        var path = rule.getHttp().getPaths().get(0);
        assertThat(path.getPath()).isEqualTo("/");
        assertThat(path.getPathType()).isEqualTo("Prefix");
        assertThat(path.getBackend().getService().getName()).isEqualTo("demo");
        assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("demo.counters.test");
            assertThat(tls.getSecretName()).isEqualTo("demo-tls");
        });
        assertManaged(ingress, "demo");
        await().untilAsserted(() -> assertThat(status("demo").getUrl()).isEqualTo("https://demo.counters.test/"));

        editSpec("demo", uc -> uc.getSpec().getIngress().setEnabled(false));
        await().untilAsserted(() -> assertThat(get(Ingress.class, "demo")).isNull());
        await().untilAsserted(() -> assertThat(status("demo").getUrl())
                .isEqualTo("http://demo." + namespace + ".svc/"));
    }

    @Test
    void syncIntervalChangeReachesTheDeploymentAndChangesTheHash() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        String before = configHash(awaitObject(Deployment.class, "demo"));

        editSpec("demo", uc -> uc.getSpec().setSyncInterval("1m30s"));

        await().untilAsserted(() -> assertThat(env(get(Deployment.class, "demo")))
                .containsEntry("COUNTER_SYNC_INTERVAL", "90s"));
        assertThat(configHash(get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void consistencyChangeReachesTheDeploymentAndChangesTheHash() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        String before = configHash(awaitObject(Deployment.class, "demo"));

        editSpec("demo", uc -> uc.getSpec().setConsistency(Consistency.Strong));

        await().untilAsserted(() -> assertThat(env(get(Deployment.class, "demo")))
                .containsEntry("COUNTER_CONSISTENCY", "strong"));
        assertThat(configHash(get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void imageChangeReachesTheDeploymentAndChangesTheHash() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        String before = configHash(awaitObject(Deployment.class, "demo"));

        editSpec("demo", uc -> uc.getSpec().setImage("registry.test/counter-app:2.0"));

        await().untilAsserted(() -> assertThat(get(Deployment.class, "demo").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("registry.test/counter-app:2.0"));
        assertThat(configHash(get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void replicasChangeReachesTheDeploymentWithoutRollingThePods() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        String before = configHash(awaitObject(Deployment.class, "demo"));

        editSpec("demo", uc -> uc.getSpec().setReplicas(3));

        await().untilAsserted(() -> assertThat(get(Deployment.class, "demo").getSpec().getReplicas()).isEqualTo(3));
        assertThat(configHash(get(Deployment.class, "demo"))).isEqualTo(before);
    }

    @Test
    void rotatedPasswordUpdatesTheConfigSecretAndChangesTheHash() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        String before = configHash(awaitObject(Deployment.class, "demo"));

        client.resource(mysqlSecret(namespace, "rotated")).update();

        await().untilAsserted(() -> assertThat(decoded(get(Secret.class, "demo-config"), "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo("rotated"));
        await().untilAsserted(() -> assertThat(configHash(get(Deployment.class, "demo"))).isNotEqualTo(before));
    }

    @Test
    void handEditOfTheDeploymentIsReverted() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        awaitObject(Deployment.class, "demo");

        onConflictRetry(() -> client.apps().deployments().inNamespace(namespace).withName("demo").edit(deployment -> {
            deployment.getSpec().setReplicas(7);
            deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .setEnv(List.of(new EnvVar("COUNTER_CONSISTENCY", "strong", null)));
            return deployment;
        }));

        await().untilAsserted(() -> {
            var deployment = get(Deployment.class, "demo");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            assertThat(env(deployment)).containsEntry("COUNTER_CONSISTENCY", "eventual")
                    .containsEntry("COUNTER_SYNC_INTERVAL", "5s");
        });
    }

    @Test
    void readyFollowsTheDeploymentsReadyReplicas() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(status("demo").condition(Condition.READY)).hasValueSatisfying(ready -> {
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("ReplicasNotReady");
            assertThat(ready.getMessage()).isEqualTo("0/2 replicas ready");
        }));

        writeDeploymentStatus("demo", 2);

        await().untilAsserted(() -> {
            var status = status("demo");
            assertThat(status.getReady()).isEqualTo("2/2");
            assertThat(status.getReadyReplicas()).isEqualTo(2);
            assertThat(status.condition(Condition.READY)).hasValueSatisfying(ready -> {
                assertThat(ready.getStatus()).isEqualTo("True");
                assertThat(ready.getReason()).isEqualTo("AllReplicasReady");
            });
            assertThat(status.condition(Condition.PROGRESSING).orElseThrow().getStatus()).isEqualTo("False");
            assertThat(status.condition(Condition.DEGRADED).orElseThrow().getStatus()).isEqualTo("False");
        });
    }

    @Test
    void statusReportsTheEffectiveSettingsAndTheObservedGeneration() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");

        await().untilAsserted(() -> {
            var userCounter = client.resources(UserCounter.class).inNamespace(namespace).withName("demo").get();
            var status = userCounter.getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getObservedGeneration()).isEqualTo(userCounter.getMetadata().getGeneration());
            assertThat(status.getReplicas()).isEqualTo(2);
            assertThat(status.getConsistency()).isEqualTo("Eventual");
            assertThat(status.getSyncInterval()).isEqualTo("5s");
            assertThat(status.getUrl()).isEqualTo("http://demo." + namespace + ".svc/");
            assertThat(status.getConditions()).extracting(Condition::getType)
                    .containsExactly(Condition.READY, Condition.PROGRESSING, Condition.DEGRADED);
        });
    }

    @Test
    void statusIsPatchedOnlyWhenItChanges() {
        applyWithSecrets(userCounter(namespace, "demo"), "s3cret", "redis-pw");
        await().untilAsserted(() -> assertThat(status("demo").getReady()).isEqualTo("0/2"));
        String settledVersion = userCounterVersion("demo");

        // a referenced Secret event reconciles the UserCounter again without changing anything it reports
        client.secrets().inNamespace(namespace).withName(TestUserCounters.MYSQL_SECRET)
                .edit(secret -> new SecretBuilder(secret).editMetadata().addToLabels("touched", "yes").endMetadata()
                        .build());

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(userCounterVersion("demo")).isEqualTo(settledVersion));
    }

    @Test
    void aSpecTheApiServerShouldHaveRejectedIsReportedAsInvalid() {
        var userCounter = userCounter(namespace, "demo");
        userCounter.getSpec().setSyncInterval("2x");
        applyWithSecrets(userCounter, "s3cret", "redis-pw");

        await().untilAsserted(() -> assertThat(status("demo").condition(Condition.DEGRADED)).hasValueSatisfying(d -> {
            assertThat(d.getStatus()).isEqualTo("True");
            assertThat(d.getReason()).isEqualTo("InvalidSpec");
            assertThat(d.getMessage()).isEqualTo("spec.syncInterval '2x' is not a duration such as 500ms, 5s or 1m30s");
        }));
        assertThat(get(Deployment.class, "demo")).isNull();
    }

    @Test
    void missingSecretIsReportedByNameAndRecoveredOnceItExists() {
        client.resource(redisSecret(namespace, "redis-pw")).create();
        client.resource(userCounter(namespace, "demo")).create();

        await().untilAsserted(() -> assertThat(status("demo").condition(Condition.READY)).hasValueSatisfying(ready -> {
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("SecretNotFound");
            assertThat(ready.getMessage()).isEqualTo("Secret mysql-creds (spec.mysql.credentialsSecretRef.usernameKey)"
                    + " not found in namespace " + namespace);
        }));
        assertThat(status("demo").condition(Condition.DEGRADED).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(get(Deployment.class, "demo")).isNull();
        assertThat(get(Secret.class, "demo-config")).isNull();

        client.resource(mysqlSecret(namespace, "s3cret")).create();

        awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(status("demo").condition(Condition.READY).orElseThrow().getReason())
                .isEqualTo("ReplicasNotReady"));
    }

    @Test
    void missingSecretKeyIsReportedByName() {
        client.resource(redisSecret(namespace, "redis-pw")).create();
        client.resource(TestUserCounters.secret(namespace, "mysql-creds", Map.of("username", "counter"))).create();
        client.resource(userCounter(namespace, "demo")).create();

        await().untilAsserted(() -> assertThat(status("demo").condition(Condition.READY)).hasValueSatisfying(ready -> {
            assertThat(ready.getReason()).isEqualTo("SecretKeyNotFound");
            assertThat(ready.getMessage())
                    .isEqualTo("Secret mysql-creds has no key password (spec.mysql.credentialsSecretRef.passwordKey)");
        }));
        assertThat(get(Deployment.class, "demo")).isNull();
    }

    @Test
    void userCountersOfTheSameNameInTwoNamespacesAreKeptApart() {
        String other = namespace + "-other";
        applyWithSecrets(userCounter(namespace, "demo"), "first", "redis-pw");
        var second = userCounter(other, "demo");
        second.getSpec().setConsistency(Consistency.Strong);
        client.resource(redisSecret(other, "redis-pw")).create();
        client.resource(mysqlSecret(other, "second")).create();
        client.resource(second).create();

        var first = awaitObject(Deployment.class, "demo");
        var otherDeployment = await().until(
                () -> client.apps().deployments().inNamespace(other).withName("demo").get(), d -> d != null);

        assertThat(env(first)).containsEntry("COUNTER_KEY_PREFIX", "uc-" + namespace + "-demo")
                .containsEntry("COUNTER_CONSISTENCY", "eventual");
        assertThat(env(otherDeployment)).containsEntry("COUNTER_KEY_PREFIX", "uc-" + other + "-demo")
                .containsEntry("COUNTER_CONSISTENCY", "strong");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getUid())
                .isNotEqualTo(otherDeployment.getMetadata().getOwnerReferences().get(0).getUid());
        var otherConfig = client.secrets().inNamespace(other).withName("demo-config").get();
        assertThat(decoded(otherConfig, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("second");
        assertThat(decoded(get(Secret.class, "demo-config"), "SPRING_DATASOURCE_PASSWORD")).isEqualTo("first");
    }

    @Test
    void healthEndpointsAnswerOnTheHealthPort() throws Exception {
        var http = HttpClient.newHttpClient();
        var base = "http://127.0.0.1:" + operator.healthPort();

        var healthz = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        var readyz = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(healthz.body()).isEqualTo("ok");
        assertThat(readyz.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private void applyWithSecrets(UserCounter userCounter, String mysqlPassword, String redisPassword) {
        client.resource(mysqlSecret(namespace, mysqlPassword)).create();
        client.resource(redisSecret(namespace, redisPassword)).create();
        client.resource(userCounter).create();
    }

    private void editSpec(String name, Consumer<UserCounter> change) {
        onConflictRetry(() -> client.resources(UserCounter.class).inNamespace(namespace).withName(name)
                .edit(userCounter -> {
                    change.accept(userCounter);
                    return userCounter;
                }));
    }

    /** The operator writes the same objects (status, managed fields), so an edit may meet a 409 and be retried. */
    private static void onConflictRetry(Runnable edit) {
        await().ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    edit.run();
                    return true;
                });
    }

    private void writeDeploymentStatus(String name, int readyReplicas) {
        onConflictRetry(() -> client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder()
                    .withReplicas(readyReplicas)
                    .withReadyReplicas(readyReplicas)
                    .withUpdatedReplicas(readyReplicas)
                    .withAvailableReplicas(readyReplicas)
                    .build());
            return d;
        }));
    }

    private UserCounterStatus status(String name) {
        var userCounter = client.resources(UserCounter.class).inNamespace(namespace).withName(name).get();
        assertThat(userCounter.getStatus()).as("status of " + name).isNotNull();
        return userCounter.getStatus();
    }

    private <T extends HasMetadata> T awaitObject(Class<T> type, String name) {
        return await().until(() -> get(type, name), object -> object != null);
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    private String userCounterVersion(String name) {
        return client.resources(UserCounter.class).inNamespace(namespace).withName(name).get().getMetadata()
                .getResourceVersion();
    }

    private static Map<String, String> env(Deployment deployment) {
        var env = new HashMap<String, String>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    private static String configHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
    }

    private void assertManaged(HasMetadata object, String name) {
        assertThat(object.getMetadata().getLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "counter-app",
                "app.kubernetes.io/instance", name,
                "app.kubernetes.io/managed-by", "usercounter-operator"));
        var owner = client.resources(UserCounter.class).inNamespace(namespace).withName(name).get();
        assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies((OwnerReference ref) -> {
            assertThat(ref.getApiVersion()).isEqualTo("usercounter.io/v1alpha1");
            assertThat(ref.getKind()).isEqualTo("UserCounter");
            assertThat(ref.getName()).isEqualTo(name);
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
    }
}
