package io.usercounter.localstack.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import io.usercounter.localstack.apiserver.TestResources;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusSubresourceTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void aFullPutOfADeploymentKeepsTheStoredStatus() {
        Deployment created =
                client.resource(TestResources.deployment("put-keeps")).create();
        created.setStatus(new DeploymentStatusBuilder()
                .withReplicas(2)
                .withReadyReplicas(2)
                .build());
        client.resource(created).updateStatus();

        Deployment desired = TestResources.deployment("put-keeps");
        desired.getSpec().setReplicas(3);
        client.resource(desired).update();

        Deployment stored = client.apps().deployments().withName("put-keeps").get();
        assertThat(stored.getSpec().getReplicas()).isEqualTo(3);
        assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void aStatusMergePatchWithAQueryStringChangesOnlyTheStatus() {
        client.resource(TestResources.deployment("status-query")).create();

        var response = raw.send(
                "PATCH",
                "/apis/apps/v1/namespaces/default/deployments/status-query/status?fieldManager=x",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":9},\"status\":{\"readyReplicas\":1}}".getBytes());

        Deployment stored = client.apps().deployments().withName("status-query").get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(stored.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aStatusPutWithAQueryStringChangesOnlyTheStatus() {
        Deployment created =
                client.resource(TestResources.deployment("status-put")).create();
        created.getSpec().setReplicas(7);
        created.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(2).build());

        var response = raw.send(
                "PUT",
                "/apis/apps/v1/namespaces/default/deployments/status-put/status?fieldManager=x",
                "application/json",
                Serialization.asJson(created).getBytes());

        Deployment stored = client.apps().deployments().withName("status-put").get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stored.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(stored.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aStatusWriteIncrementsTheResourceVersion() {
        Deployment created =
                client.resource(TestResources.deployment("status-version")).create();

        Deployment updated = client.apps()
                .deployments()
                .withName("status-version")
                .editStatus(d -> {
                    d.setStatus(
                            new DeploymentStatusBuilder().withReadyReplicas(1).build());
                    return d;
                });

        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    }

    @Test
    void aMainResourcePatchOfACustomResourceNeverChangesItsStatus() {
        Resource<GenericKubernetesResource> resource = userCounter("cr-status");
        client.resource(withStatus(resource.get(), Map.of("url", "http://demo/")))
                .patchStatus();

        resource.patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"replicas\":4},\"status\":{\"url\":\"http://changed/\"}}");

        GenericKubernetesResource stored = resource.get();
        assertThat(stored.get("spec", "replicas").toString()).isEqualTo("4");
        assertThat(stored.get("status", "url").toString()).isEqualTo("http://demo/");
    }

    @Test
    void aMainResourcePutOfACustomResourceNeverChangesItsStatus() {
        Resource<GenericKubernetesResource> resource = userCounter("cr-put");
        client.resource(withStatus(resource.get(), Map.of("url", "http://demo/")))
                .patchStatus();

        client.resource(withStatus(resource.get(), Map.of("url", "http://changed/")))
                .update();

        assertThat(resource.get().get("status", "url").toString()).isEqualTo("http://demo/");
    }

    @Test
    void aCustomResourceWithoutAStatusSubresourceTakesItsStatusFromTheMainResource() {
        var crd = TestResources.userCounterCrd();
        crd.getMetadata().setName("plainstatuses.usercounter.io");
        crd.getSpec().getNames().setPlural("plainstatuses");
        crd.getSpec().getNames().setKind("PlainStatus");
        crd.getSpec().getNames().setShortNames(null);
        crd.getSpec().getVersions().get(0).setSubresources(null);
        client.resource(crd).create();
        GenericKubernetesResource plain = new GenericKubernetesResource();
        plain.setApiVersion("usercounter.io/v1alpha1");
        plain.setKind("PlainStatus");
        plain.setMetadata(new ObjectMetaBuilder().withName("plain").build());
        GenericKubernetesResource created = client.resource(plain).create();

        client.resource(withStatus(created, Map.of("url", "http://plain/"))).update();

        assertThat(client.genericKubernetesResources("usercounter.io/v1alpha1", "PlainStatus")
                        .withName("plain")
                        .get()
                        .get("status", "url")
                        .toString())
                .isEqualTo("http://plain/");
    }

    @Test
    void generationIncrementsOnlyWhenTheSpecChanges() {
        Resource<GenericKubernetesResource> resource = userCounter("cr-generation");
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");
        client.resource(withStatus(resource.get(), Map.of("observedGeneration", 1)))
                .patchStatus();
        assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(1L);

        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");

        assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(2L);
    }

    private Resource<GenericKubernetesResource> userCounter(String name) {
        GenericKubernetesResource userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(new ObjectMetaBuilder().withName(name).build());
        userCounter.setAdditionalProperty("spec", Map.of("replicas", 2));
        return client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                .resource(client.resource(userCounter).create());
    }

    private static GenericKubernetesResource withStatus(
            GenericKubernetesResource resource, Map<String, Object> status) {
        resource.setAdditionalProperty("status", status);
        return resource;
    }
}
