package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
        var container = dependent.desired(TestUserCounter.demo(), settings)
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getImage()).isEqualTo("registry.test/counter-app:1.0");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly(
                "COUNTER_CONSISTENCY=eventual", "COUNTER_KEY_PREFIX=uc-team-a-demo", "COUNTER_SYNC_INTERVAL=5s");
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
        userCounter.getSpec().setResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m"))
                .addToLimits("memory", new Quantity("512Mi"))
                .build());

        Deployment deployment = dependent.desired(userCounter, settings);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
        var resources = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m")));
        assertThat(resources.getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));
    }

    @Test
    void podRunsAsTheNumericNonRootUser() {
        var security = dependent.desired(TestUserCounter.demo(), settings).getSpec().getTemplate().getSpec()
                .getSecurityContext();

        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void ownerReferenceMakesTheUserCounterTheController() {
        var owner = dependent.desired(TestUserCounter.demo(), settings).getMetadata().getOwnerReferences().get(0);

        assertThat(owner.getUid()).isEqualTo("0b1c2d3e-uid");
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }
}
