package io.usercounter.localstack.apiserver.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import io.usercounter.localstack.apiserver.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScaleSubresourceTest {

    private static final String PATH = "/apis/apps/v1/namespaces/default/deployments/";

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void readingScaleGivesTheReplicasAndTheSelector() {
        client.resource(TestResources.deployment("scale-read")).create();

        Scale scale = Serialization.unmarshal(
                raw.get(PATH + "scale-read/scale", "application/json").body(), Scale.class);

        assertThat(scale.getKind()).isEqualTo("Scale");
        assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app.kubernetes.io/instance=scale-read");
    }

    @Test
    void patchingScaleLikeKubectlScaleChangesOnlySpecReplicas() {
        client.resource(TestResources.deployment("scale-patch")).create();

        var response = raw.send(
                "PATCH",
                PATH + "scale-patch/scale",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":4}}".getBytes());

        assertThat(Serialization.unmarshal(response.body(), Scale.class)
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        Deployment stored = client.apps().deployments().withName("scale-patch").get();
        assertThat(stored.getSpec().getReplicas()).isEqualTo(4);
        assertThat(stored.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("counter-app:1");
    }

    @Test
    void fabric8ScaleUpdatesTheDeployment() {
        client.resource(TestResources.deployment("scale-client")).create();

        client.apps().deployments().withName("scale-client").scale(0);

        assertThat(client.apps()
                        .deployments()
                        .withName("scale-client")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isZero();
    }
}
