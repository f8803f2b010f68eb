package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.configHash;
import static io.usercounter.operator.TestNamespace.env;
import static io.usercounter.operator.TestUserCounters.decoded;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The objects docs/architecture.md lists, as the operator creates, keeps and removes them. */
@ExtendWith(OperatorOnMockApiServer.class)
class ManagedObjectsTest {

    @Test
    void configSecretHoldsTheConnectionSettingsBuiltFromSpecAndReferencedSecrets(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "p@ss word");

        Secret config = ns.awaitObject(Secret.class, "demo-config");

        assertThat(config.getData())
                .containsOnlyKeys(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "COUNTER_REDIS_MODE",
                        "COUNTER_REDIS_URL");
        assertThat(decoded(config, "COUNTER_REDIS_MODE")).isEqualTo("standalone");
        assertThat(decoded(config, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:mysql://mysql.infra:3306/counters_demo");
        assertThat(decoded(config, "SPRING_DATASOURCE_USERNAME")).isEqualTo("counter");
        assertThat(decoded(config, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("s3cret");
        assertThat(decoded(config, "COUNTER_REDIS_URL")).isEqualTo("redis://:p%40ss%20word@redis.infra:6379");
        ns.assertManagedBy(config, "demo");
    }

    @Test
    void deploymentRunsTheCounterAppAsSpecified(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");

        Deployment deployment = ns.awaitObject(Deployment.class, "demo");

        var spec = deployment.getSpec();
        assertThat(spec.getReplicas()).isEqualTo(2);
        assertThat(spec.getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo"));
        var pod = spec.getTemplate();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "demo");
        assertThat(configHash(deployment)).matches("[0-9a-f]{32}");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getVolumes())
                .singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getName()).isEqualTo("counter-app");
        assertThat(container.getImage()).isEqualTo(OperatorOnMockApiServer.DEFAULT_IMAGE);
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(container.getEnvFrom())
                .singleElement()
                .satisfies(source -> assertThat(source.getSecretRef().getName()).isEqualTo("demo-config"));
        assertThat(env(deployment))
                .isEqualTo(Map.of(
                        "COUNTER_CONSISTENCY",
                        "eventual",
                        "COUNTER_SYNC_INTERVAL",
                        "5s",
                        "COUNTER_KEY_PREFIX",
                        "uc-" + ns.name() + "-demo",
                        "JAVA_TOOL_OPTIONS",
                        "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"));
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        var security = container.getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts())
                .singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        ns.assertManagedBy(deployment, "demo");
    }

    @Test
    void serviceExposesPort80ToTheHttpPort(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");

        Service service = ns.awaitObject(Service.class, "demo");

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector())
                .isEqualTo(Map.of("app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
        });
        ns.assertManagedBy(service, "demo");
    }

    @Test
    void podDisruptionBudgetKeepsOnePodOnlyWhileThereAreTwoReplicas(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");

        PodDisruptionBudget pdb = ns.awaitObject(PodDisruptionBudget.class, "demo");
        assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "demo");
        ns.assertManagedBy(pdb, "demo");

        ns.editSpec("demo", uc -> uc.getSpec().setReplicas(1));
        await().untilAsserted(() ->
                assertThat(ns.get(PodDisruptionBudget.class, "demo")).isNull());
    }

    @Test
    void ingressExistsOnlyWhileEnabled(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        var ingressSpec = new IngressSpec();
        ingressSpec.setEnabled(true);
        ingressSpec.setHost("demo.counters.test");
        ingressSpec.setClassName("nginx");
        ingressSpec.setTlsSecretName("demo-tls");
        userCounter.getSpec().setIngress(ingressSpec);
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

        Ingress ingress = ns.awaitObject(Ingress.class, "demo");
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
        ns.assertManagedBy(ingress, "demo");
        await().untilAsserted(() -> assertThat(ns.status("demo").url()).isEqualTo("https://demo.counters.test/"));

        ns.editSpec("demo", uc -> uc.getSpec().getIngress().setEnabled(false));
        await().untilAsserted(() -> assertThat(ns.get(Ingress.class, "demo")).isNull());
        await().untilAsserted(
                        () -> assertThat(ns.status("demo").url()).isEqualTo("http://demo." + ns.name() + ".svc/"));
    }

    @Test
    void networkPolicyAdmitsOnlyTheInstanceAndTheIngressNamespaceWhenTheSameNamespaceIsNotAllowed(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        var ingress = new IngressSpec();
        ingress.setEnabled(true);
        ingress.setHost("demo.counters.test");
        userCounter.getSpec().setIngress(ingress);
        var policySpec = new NetworkPolicySpec();
        policySpec.setEnabled(true);
        policySpec.setAllowSameNamespace(false);
        policySpec.setIngressNamespace("ingress-system");
        userCounter.getSpec().setNetworkPolicy(policySpec);
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

        NetworkPolicy policy = ns.awaitObject(NetworkPolicy.class, "demo");

        var instancePods = Map.of("app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(instancePods);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).hasSize(2);
            assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(instancePods);
            assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNull();
            assertThat(rule.getFrom().get(1).getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-system"));
            assertThat(rule.getFrom().get(1).getPodSelector()).isNull();
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(new IntOrString("http"));
                assertThat(port.getProtocol()).isEqualTo("TCP");
            });
        });
        ns.assertManagedBy(policy, "demo");

        ns.editSpec("demo", uc -> uc.getSpec().getNetworkPolicy().setEnabled(false));
        await().untilAsserted(
                        () -> assertThat(ns.get(NetworkPolicy.class, "demo")).isNull());
    }

    @Test
    void handEditOfTheDeploymentIsReverted(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");

        ns.editDeployment("demo", deployment -> {
            deployment.getSpec().setReplicas(7);
            deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .setEnv(List.of(new EnvVar("COUNTER_CONSISTENCY", "strong", null)));
        });

        await().untilAsserted(() -> {
            var deployment = ns.get(Deployment.class, "demo");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            assertThat(env(deployment))
                    .containsEntry("COUNTER_CONSISTENCY", "eventual")
                    .containsEntry("COUNTER_SYNC_INTERVAL", "5s");
        });
    }

    @Test
    void userCountersOfTheSameNameInTwoNamespacesAreKeptApart(TestNamespace ns, TestNamespace other) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "first", "redis-pw");
        var second = userCounter(other.name(), "demo");
        second.getSpec().setConsistency(Consistency.Strong);
        other.applyWithSecrets(second, "second", "redis-pw");

        var first = ns.awaitObject(Deployment.class, "demo");
        var otherDeployment = other.awaitObject(Deployment.class, "demo");

        assertThat(env(first))
                .containsEntry("COUNTER_KEY_PREFIX", "uc-" + ns.name() + "-demo")
                .containsEntry("COUNTER_CONSISTENCY", "eventual");
        assertThat(env(otherDeployment))
                .containsEntry("COUNTER_KEY_PREFIX", "uc-" + other.name() + "-demo")
                .containsEntry("COUNTER_CONSISTENCY", "strong");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getUid())
                .isNotEqualTo(otherDeployment
                        .getMetadata()
                        .getOwnerReferences()
                        .get(0)
                        .getUid());
        assertThat(decoded(ns.awaitObject(Secret.class, "demo-config"), "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo("first");
        assertThat(decoded(other.awaitObject(Secret.class, "demo-config"), "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo("second");
    }
}
