package io.usercounter.localstack.apiserver.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /scale of a custom resource as apiextensions-apiserver serves it: at the paths its CRD's subresources.scale names. */
class CustomResourceScaleTest {

    private static final String PATH = "/apis/usercounter.io/v1alpha1/namespaces/default/usercounters/";

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void readingTheScaleGivesSpecReplicasAndTheStatusReplicasAndSelectorAtTheCrdPaths() {
        create("scale-read", 3);
        raw.send(
                "PATCH",
                PATH + "scale-read/status",
                "application/merge-patch+json",
                "{\"status\":{\"replicas\":2,\"selector\":\"app=scale-read\"}}".getBytes());

        Scale scale = Serialization.unmarshal(
                raw.get(PATH + "scale-read/scale", "application/json").body(), Scale.class);

        assertThat(scale.getApiVersion()).isEqualTo("autoscaling/v1");
        assertThat(scale.getKind()).isEqualTo("Scale");
        assertThat(scale.getMetadata().getName()).isEqualTo("scale-read");
        assertThat(scale.getSpec().getReplicas()).isEqualTo(3);
        assertThat(scale.getStatus().getReplicas()).isEqualTo(2);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=scale-read");
    }

    @Test
    void aStatusWithoutReplicasOrSelectorReadsAsZeroAndNoSelector() {
        create("scale-no-status", 1);

        Scale scale = Serialization.unmarshal(
                raw.get(PATH + "scale-no-status/scale", "application/json").body(), Scale.class);

        assertThat(scale.getStatus().getReplicas()).isZero();
        assertThat(scale.getStatus().getSelector()).isNull();
    }

    @Test
    void patchingTheScaleLikeKubectlScaleWritesSpecReplicasAndBumpsTheGeneration() {
        long generation = create("scale-patch", 1).getMetadata().getGeneration();

        var response = raw.send(
                "PATCH",
                PATH + "scale-patch/scale",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":4}}".getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Serialization.unmarshal(response.body(), Scale.class)
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        GenericKubernetesResource stored = get("scale-patch");
        assertThat(stored.<Object>get("spec", "replicas")).isEqualTo(4);
        assertThat(stored.<Object>get("spec", "consistency")).isEqualTo("Strong");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(generation + 1);
    }

    @Test
    void puttingAScaleWritesSpecReplicas() {
        create("scale-put", 1);
        Scale scale = Serialization.unmarshal(
                raw.get(PATH + "scale-put/scale", "application/json").body(), Scale.class);
        scale.getSpec().setReplicas(5);

        var response = raw.send(
                "PUT",
                PATH + "scale-put/scale",
                "application/json",
                Serialization.asJson(scale).getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(get("scale-put").<Object>get("spec", "replicas")).isEqualTo(5);
    }

    @Test
    void aScaleTheCrdSchemaRefusesIsRejectedAndNothingIsWritten() {
        create("scale-invalid", 1);

        var response = raw.send(
                "PATCH",
                PATH + "scale-invalid/scale",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":101}}".getBytes());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(get("scale-invalid").<Object>get("spec", "replicas")).isEqualTo(1);
    }

    @Test
    void aCustomResourceWhoseCrdDeclaresNoScaleSubresourceHasNoScalePath() {
        client.resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("widgets.example.test")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("example.test")
                        .withScope("Namespaced")
                        .withNewNames()
                        .withKind("Widget")
                        .withPlural("widgets")
                        .withSingular("widget")
                        .endNames()
                        .addNewVersion()
                        .withName("v1")
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                        .withNewOpenAPIV3Schema()
                        .withType("object")
                        .withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema()
                        .endSchema()
                        .endVersion()
                        .endSpec()
                        .build())
                .create();
        var widget = new GenericKubernetesResource();
        widget.setApiVersion("example.test/v1");
        widget.setKind("Widget");
        widget.setMetadata(
                new ObjectMetaBuilder().withName("w").withNamespace("default").build());
        widget.setAdditionalProperty("spec", Map.of("replicas", 2));
        client.resource(widget).create();

        var response = raw.get("/apis/example.test/v1/namespaces/default/widgets/w/scale", "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private GenericKubernetesResource create(String name, int replicas) {
        var userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        userCounter.setAdditionalProperty("spec", Map.of("replicas", replicas, "redis", Map.of("host", "redis.infra")));
        return client.resource(userCounter).create();
    }

    private GenericKubernetesResource get(String name) {
        return client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                .withName(name)
                .get();
    }
}
