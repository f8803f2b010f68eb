package io.usercounter.localstack.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import io.usercounter.localstack.apiserver.TestResources;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PatchRequestsTest {

    private static final String PATH = "/apis/apps/v1/namespaces/default/deployments/";

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void aMergePatchReplacesAnArrayInsteadOfAppendingToIt() {
        client.resource(TestResources.deployment("merge-array")).create();

        Deployment patched = client.apps()
                .deployments()
                .withName("merge-array")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                                + "[{\"name\":\"counter-app\",\"image\":\"counter-app:2\"}]}}}}");

        var containers = patched.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).getImage()).isEqualTo("counter-app:2");
        assertThat(containers.get(0).getArgs()).isEmpty();
    }

    @Test
    void aMergePatchWithNullRemovesTheField() {
        client.resource(TestResources.deployment("merge-null")).create();

        client.apps()
                .deployments()
                .withName("merge-null")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"app.kubernetes.io/instance\":null}}}");

        assertThat(client.apps()
                        .deployments()
                        .withName("merge-null")
                        .get()
                        .getMetadata()
                        .getLabels())
                .isEmpty();
    }

    @Test
    void aStrategicMergePatchChangesOneContainerAndKeepsItsOtherFields() {
        client.resource(TestResources.deployment("strategic")).create();

        client.apps()
                .deployments()
                .withName("strategic")
                .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"counter-app\"}],"
                                + "\"containers\":[{\"name\":\"counter-app\",\"image\":\"counter-app:3\"}]}}}}");

        var container = client.apps()
                .deployments()
                .withName("strategic")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(container.getImage()).isEqualTo("counter-app:3");
        assertThat(container.getArgs()).containsExactly("--a", "--b");
        assertThat(container.getEnv().get(0).getValue()).isEqualTo("strong");
    }

    @Test
    void patchingAClusterScopedObjectLeavesItWithoutANamespace() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("cluster-scoped")
                        .endMetadata()
                        .build())
                .create();

        client.namespaces()
                .withName("cluster-scoped")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"env\":\"dev\"}}}");

        JsonNode stored = Serialization.unmarshal(
                raw.get("/api/v1/namespaces/cluster-scoped", "application/json").body(), JsonNode.class);
        assertThat(stored.path("metadata").has("namespace")).isFalse();
        assertThat(stored.path("metadata").path("labels").path("env").asText()).isEqualTo("dev");
    }

    @Test
    void aJsonPatchIsApplied() {
        client.resource(TestResources.deployment("json-patch")).create();

        client.apps()
                .deployments()
                .withName("json-patch")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");

        assertThat(client.apps()
                        .deployments()
                        .withName("json-patch")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(5);
    }

    @Test
    void aServerSideApplyPatchGetsA415NamingTheMissingFeature() {
        client.resource(TestResources.deployment("ssa")).create();

        HttpResponse<String> response =
                raw.send("PATCH", PATH + "ssa?fieldManager=test", "application/apply-patch+yaml", "{}".getBytes());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Serialization.unmarshal(response.body(), Status.class).getMessage())
                .isEqualTo(
                        "server-side apply is not supported by the local stack's API server; use a client-side update or patch");
    }

    @Test
    void patchingAMissingObjectGetsANotFoundStatus() {
        HttpResponse<String> response =
                raw.send("PATCH", PATH + "absent", "application/merge-patch+json", "{\"spec\":{}}".getBytes());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Serialization.unmarshal(response.body(), Status.class).getMessage())
                .isEqualTo("deployments \"absent\" not found");
    }

    /** fabric8's LeaseLock renews and takes over with such a patch: a stale resourceVersion must lose, as upstream. */
    @Test
    void aMergePatchCarryingAStaleResourceVersionGetsAConflict() {
        Lease created = client.resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName("lock")
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("first")
                        .endSpec()
                        .build())
                .create();
        String stale = created.getMetadata().getResourceVersion();
        client.resources(Lease.class)
                .withName("lock")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"resourceVersion\":\"" + stale
                                + "\"},\"spec\":{\"holderIdentity\":\"second\"}}");

        HttpResponse<String> response = raw.send(
                "PATCH",
                "/apis/coordination.k8s.io/v1/namespaces/default/leases/lock",
                "application/merge-patch+json",
                ("{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"spec\":{\"holderIdentity\":\"third\"}}")
                        .getBytes());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Serialization.unmarshal(response.body(), Status.class).getReason())
                .isEqualTo("Conflict");
        assertThat(client.resources(Lease.class)
                        .withName("lock")
                        .get()
                        .getSpec()
                        .getHolderIdentity())
                .isEqualTo("second");
    }
}
