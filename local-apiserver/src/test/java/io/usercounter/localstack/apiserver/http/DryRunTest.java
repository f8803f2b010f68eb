package io.usercounter.localstack.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kubectl apply --dry-run=server} and fabric8's {@code dryRun()}: answered as if stored, nothing stored. */
class DryRunTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void aDryRunCreateAnswersTheDefaultedObjectAndStoresNothing() {
        GenericKubernetesResource answered = client.resource(userCounter("dry-create", Map.of("replicas", 3)))
                .dryRun()
                .create();

        assertThat(answered.<Object>get("spec", "consistency")).isEqualTo("Strong");
        assertThat(client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                        .withName("dry-create")
                        .get())
                .isNull();
    }

    @Test
    void aDryRunCreateOfAnInvalidObjectIsRejected() {
        KubernetesClientException rejected = catchThrowableOfType(
                KubernetesClientException.class,
                () -> client.resource(userCounter("dry-invalid", Map.of("replicas", 500)))
                        .dryRun()
                        .create());

        assertThat(rejected.getCode()).isEqualTo(422);
    }

    @Test
    void aDryRunUpdateLeavesTheStoredObjectUnchanged() {
        ConfigMap stored = client.resource(configMap("dry-update", "before")).create();
        stored.setData(Map.of("mode", "after"));

        client.resource(stored).dryRun().update();

        assertThat(client.configMaps().withName("dry-update").get().getData()).containsEntry("mode", "before");
    }

    @Test
    void aDryRunDeleteKeepsTheObject() {
        client.resource(configMap("dry-delete", "kept")).create();

        client.configMaps().withName("dry-delete").dryRun().delete();

        assertThat(client.configMaps().withName("dry-delete").get()).isNotNull();
    }

    private static ConfigMap configMap(String name, String mode) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData("mode", mode)
                .build();
    }

    private static GenericKubernetesResource userCounter(String name, Map<String, Object> spec) {
        GenericKubernetesResource userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(new ObjectMetaBuilder().withName(name).build());
        userCounter.setAdditionalProperty("spec", spec);
        return userCounter;
    }
}
