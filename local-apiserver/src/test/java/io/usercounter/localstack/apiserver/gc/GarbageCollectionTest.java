package io.usercounter.localstack.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GarbageCollectionTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void deletingAnOwnerDeletesTheObjectsThatReferenceItsUid() {
        ConfigMap owner = client.resource(configMap("owner-a")).create();
        Deployment dependent = TestResources.deployment("dependent-a");
        dependent.getMetadata().setOwnerReferences(java.util.List.of(ownerReference(owner)));
        client.resource(dependent).create();

        client.resource(owner).delete();

        assertThat(client.apps().deployments().withName("dependent-a").get()).isNull();
    }

    @Test
    void collectionCascadesDownTheOwnershipChain() {
        ConfigMap root = client.resource(configMap("root-b")).create();
        ConfigMap child = client.resource(ownedBy(configMap("child-b"), root)).create();
        client.resource(ownedBy(secret("grandchild-b"), child)).create();

        client.resource(root).delete();

        assertThat(client.secrets().withName("grandchild-b").get()).isNull();
    }

    @Test
    void aDependentWithAnotherLiveOwnerStays() {
        ConfigMap gone = client.resource(configMap("gone-c")).create();
        ConfigMap staying = client.resource(configMap("staying-c")).create();
        Secret shared = ownedBy(secret("shared-c"), gone);
        shared.getMetadata().getOwnerReferences().add(ownerReference(staying));
        client.resource(shared).create();

        client.resource(gone).delete();

        assertThat(client.secrets().withName("shared-c").get()).isNotNull();
    }

    @Test
    void aDependentWithAFinalizerIsOnlyMarkedForDeletion() {
        ConfigMap owner = client.resource(configMap("owner-d")).create();
        Secret dependent = ownedBy(secret("finalized-d"), owner);
        dependent.getMetadata().getFinalizers().add("example.io/cleanup");
        client.resource(dependent).create();

        client.resource(owner).delete();

        assertThat(client.secrets().withName("finalized-d").get().getMetadata().getDeletionTimestamp())
                .isNotNull();
    }

    @Test
    void aDependentCreatedAfterItsOwnerWasDeletedIsCollected() {
        ConfigMap owner = client.resource(configMap("owner-f")).create();
        client.resource(owner).delete();

        // what a controller reconciling from a stale cache does
        client.resource(ownedBy(secret("late-f"), owner)).create();

        assertThat(client.secrets().withName("late-f").get()).isNull();
    }

    @Test
    void collectingALateDependentLeavesItsNeighboursAlone() {
        client.resource(secret("neighbour-g")).create();
        ConfigMap owner = client.resource(configMap("owner-g")).create();
        client.resource(owner).delete();

        client.resource(ownedBy(secret("late-g"), owner)).create();

        assertThat(client.secrets().withName("neighbour-g").get()).isNotNull();
    }

    @Test
    void objectsOwnedBySomethingElseAreUntouched() {
        ConfigMap owner = client.resource(configMap("owner-e")).create();
        ConfigMap other = client.resource(configMap("other-e")).create();
        client.resource(ownedBy(secret("unrelated-e"), other)).create();

        client.resource(owner).delete();

        assertThat(client.secrets().withName("unrelated-e").get()).isNotNull();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }

    private static Secret secret(String name) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }

    private static <T extends HasMetadata> T ownedBy(T dependent, HasMetadata owner) {
        dependent.getMetadata().getOwnerReferences().add(ownerReference(owner));
        return dependent;
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
