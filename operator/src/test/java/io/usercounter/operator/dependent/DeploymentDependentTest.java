package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.ExtraEnvVar;
import io.usercounter.operator.api.v1alpha1.PodTemplateSettings;
import io.usercounter.operator.settings.ConfigHash;
import io.usercounter.operator.settings.CounterAppSettings;
import io.usercounter.operator.settings.TestSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentDependentTest {

    final DeploymentDependent dependent = new DeploymentDependent();
    final CounterAppSettings settings = TestSettings.demo();

    @Test
    void podTemplateCarriesTheHashOfTheSettings() {
        Deployment deployment = dependent.desired(TestUserCounter.demo(), settings);

        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of("usercounter.io/config-hash", ConfigHash.of(settings)));
    }

    @Test
    void containerRunsTheResolvedImageWithThePlainSettingsAsEnv() {
        var container = dependent
                .desired(TestUserCounter.demo(), settings)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        assertThat(container.getImage()).isEqualTo("registry.test/counter-app:1.0");
        assertThat(container.getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly(
                        "COUNTER_CONSISTENCY=eventual",
                        "COUNTER_KEY_PREFIX=uc-team-a-demo",
                        "COUNTER_SYNC_INTERVAL=5s",
                        "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp");
        assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("demo-config");
    }

    @Test
    void noCredentialAppearsInTheDeployment() {
        var yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                dependent.desired(TestUserCounter.demo(), settings));

        assertThat(yaml).doesNotContain("s3cret").doesNotContain("redis://");
    }

    @Test
    void replicasAndResourcesComeFromTheSpec() {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setReplicas(4);
        userCounter
                .getSpec()
                .setResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("100m"))
                        .addToLimits("memory", new Quantity("512Mi"))
                        .build());

        Deployment deployment = dependent.desired(userCounter, settings);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
        var resources = deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources();
        assertThat(resources.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m")));
        assertThat(resources.getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));
    }

    @Test
    void withoutResourcesInTheSpecTheContainerGetsTheDefaultsItsHeapIsSizedTo() {
        var container = dependent
                .desired(TestUserCounter.demo(), settings)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        assertThat(container.getResources().getRequests())
                .isEqualTo(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")));
        assertThat(container.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));
        assertThat(container.getEnv())
                .filteredOn(env -> env.getName().equals("JAVA_TOOL_OPTIONS"))
                .singleElement()
                .satisfies(env -> assertThat(env.getValue()).contains("-XX:MaxRAMPercentage=75"));
    }

    @Test
    void withoutSpreadConstraintsTheReplicasSpreadOverNodesWithoutBlockingScheduling() {
        var spread = dependent
                .desired(TestUserCounter.demo(), settings)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getTopologySpreadConstraints();

        assertThat(spread).singleElement().satisfies(constraint -> {
            assertThat(constraint.getMaxSkew()).isEqualTo(1);
            assertThat(constraint.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(constraint.getLabelSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo"));
        });
    }

    @Test
    void anEmptyListOfSpreadConstraintsMeansNone() {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        userCounter.getSpec().getPodTemplate().setTopologySpreadConstraints(List.of());

        assertThat(dependent
                        .desired(userCounter, settings)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTopologySpreadConstraints())
                .isEmpty();
    }

    @Test
    void anExtraEnvVariableTheOperatorSetsIsRefusedByName() {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        userCounter.getSpec().getPodTemplate().setEnv(List.of(new ExtraEnvVar("COUNTER_CONSISTENCY", "strong")));

        assertThatThrownBy(() -> dependent.desired(userCounter, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.podTemplate.env cannot set COUNTER_CONSISTENCY: the operator sets it");
    }

    @Test
    void aPodLabelTheOperatorSelectsByIsRefused() {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        userCounter.getSpec().getPodTemplate().setLabels(Map.of("app.kubernetes.io/instance", "other"));

        assertThatThrownBy(() -> dependent.desired(userCounter, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.podTemplate cannot set app.kubernetes.io/instance: the operator manages it");
    }

    @Test
    void anEmptySecurityContextLeavesTheUserToThePlatformAndKeepsNonRootAndSeccomp() {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        userCounter.getSpec().getPodTemplate().setSecurityContext(new PodSecurityContext());

        var security = dependent
                .desired(userCounter, settings)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getSecurityContext();

        assertThat(security.getRunAsUser()).isNull();
        assertThat(security.getRunAsGroup()).isNull();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void podRunsAsTheNumericNonRootUser() {
        var security = dependent
                .desired(TestUserCounter.demo(), settings)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getSecurityContext();

        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void ownerReferenceMakesTheUserCounterTheController() {
        var owner = dependent
                .desired(TestUserCounter.demo(), settings)
                .getMetadata()
                .getOwnerReferences()
                .get(0);

        assertThat(owner.getUid()).isEqualTo("0b1c2d3e-uid");
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }
}
