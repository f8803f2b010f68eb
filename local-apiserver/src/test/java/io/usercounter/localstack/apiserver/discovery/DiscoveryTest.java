package io.usercounter.localstack.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import io.usercounter.localstack.apiserver.TestResources;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryTest {

    // kubectl asks for aggregated discovery first and falls back to these documents when answered plain JSON
    private static final String KUBECTL_DISCOVERY_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;"
            + "as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            + "application/json";

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void coreApiListsVersionV1() {
        HttpResponse<String> response = raw.get("/api", KUBECTL_DISCOVERY_ACCEPT);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Serialization.unmarshal(response.body(), APIVersions.class).getVersions())
                .containsExactly("v1");
    }

    @Test
    void coreV1ListsSecretsAsNamespacedWithAllVerbs() {
        APIResource secrets = resource(raw.get("/api/v1", "application/json").body(), "secrets");

        assertThat(secrets.getKind()).isEqualTo("Secret");
        assertThat(secrets.getNamespaced()).isTrue();
        assertThat(secrets.getVerbs())
                .containsExactly("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    @Test
    void deploymentsAreInTheCategoryKubectlGetAllLists() {
        APIResource deployments =
                resource(raw.get("/apis/apps/v1", "application/json").body(), "deployments");

        assertThat(deployments.getCategories()).containsExactly("all");
        assertThat(deployments.getShortNames()).containsExactly("deploy");
    }

    @Test
    void groupListIncludesTheGroupOfACrdCreatedAtRuntime() {
        APIGroupList groups = Serialization.unmarshal(
                raw.get("/apis", KUBECTL_DISCOVERY_ACCEPT).body(), APIGroupList.class);

        assertThat(groups.getGroups()).anySatisfy(group -> {
            assertThat(group.getName()).isEqualTo("usercounter.io");
            assertThat(group.getPreferredVersion().getGroupVersion()).isEqualTo("usercounter.io/v1alpha1");
        });
        assertThat(groups.getGroups())
                .anySatisfy(group -> assertThat(group.getName()).isEqualTo("apps"));
    }

    @Test
    void crdGroupVersionListsTheCustomResourceWithShortNamesAndItsStatusSubresource() {
        String body =
                raw.get("/apis/usercounter.io/v1alpha1", "application/json").body();

        APIResource userCounters = resource(body, "usercounters");
        assertThat(userCounters.getKind()).isEqualTo("UserCounter");
        assertThat(userCounters.getSingularName()).isEqualTo("usercounter");
        assertThat(userCounters.getShortNames()).containsExactly("uc");
        assertThat(userCounters.getNamespaced()).isTrue();
        assertThat(resource(body, "usercounters/status").getVerbs()).containsExactly("get", "patch", "update");
    }

    @Test
    void eventsK8sIoV1ListsEventsAsNamespacedWithTheirShortName() {
        APIResource events =
                resource(raw.get("/apis/events.k8s.io/v1", "application/json").body(), "events");

        assertThat(events.getKind()).isEqualTo("Event");
        assertThat(events.getNamespaced()).isTrue();
        assertThat(events.getShortNames()).containsExactly("ev");
    }

    @Test
    void aDeletedCrdLeavesDiscovery() {
        var crd = TestResources.userCounterCrd();
        crd.getMetadata().setName("gadgets.example.io");
        crd.getSpec().setGroup("example.io");
        crd.getSpec().getNames().setPlural("gadgets");
        client.resource(crd).create();
        assertThat(raw.get("/apis/example.io/v1alpha1", "application/json").statusCode())
                .isEqualTo(200);

        client.resource(crd).delete();

        assertThat(raw.get("/apis/example.io/v1alpha1", "application/json").statusCode())
                .isEqualTo(404);
    }

    @Test
    void versionReportsAKubernetesVersion() {
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.32.0-local-stack");
    }

    @Test
    void openApiV2IsNotServed() {
        assertThat(raw.get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void openApiV3ListsTheDocumentOfACrdsGroupVersion() {
        JsonNode root = Serialization.unmarshal(
                raw.get("/openapi/v3", "application/json").body(), JsonNode.class);

        assertThat(root.path("paths")
                        .path("apis/usercounter.io/v1alpha1")
                        .path("serverRelativeURL")
                        .asText())
                .isEqualTo("/openapi/v3/apis/usercounter.io/v1alpha1");
    }

    @Test
    void openApiV3TellsKubectlThatPatchesAreValidatedHere() {
        JsonNode document = Serialization.unmarshal(
                raw.get("/openapi/v3/apis/usercounter.io/v1alpha1", "application/json")
                        .body(),
                JsonNode.class);

        JsonNode patch = document.path("paths")
                .path("/apis/usercounter.io/v1alpha1/namespaces/{namespace}/usercounters/{name}")
                .path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
                .isEqualTo("UserCounter");
        assertThat(patch.path("parameters").get(0).path("name").asText()).isEqualTo("fieldValidation");
    }

    private static APIResource resource(String resourceList, String name) {
        List<APIResource> resources =
                Serialization.unmarshal(resourceList, APIResourceList.class).getResources();
        return resources.stream()
                .filter(r -> r.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
