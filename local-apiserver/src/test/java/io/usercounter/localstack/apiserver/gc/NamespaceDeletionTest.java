package io.usercounter.localstack.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NamespaceDeletionTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void deletingANamespaceDeletesEverythingInIt() {
        Namespace namespace = namespace("doomed");
        client.configMaps()
                .inNamespace("doomed")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace("doomed")
                .resource(TestResources.deployment("web"))
                .create();

        client.resource(namespace).delete();

        assertThat(client.configMaps().inNamespace("doomed").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("doomed").list().getItems())
                .isEmpty();
    }

    @Test
    void otherNamespacesKeepTheirObjects() {
        Namespace namespace = namespace("gone");
        namespace("kept");
        client.secrets()
                .inNamespace("kept")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("token")
                        .endMetadata()
                        .build())
                .create();

        client.resource(namespace).delete();

        assertThat(client.secrets().inNamespace("kept").withName("token").get()).isNotNull();
    }

    @Test
    void anObjectWithAFinalizerIsOnlyMarkedForDeletion() {
        Namespace namespace = namespace("finalizing");
        client.secrets()
                .inNamespace("finalizing")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("held")
                        .addToFinalizers("example.io/cleanup")
                        .endMetadata()
                        .build())
                .create();

        client.resource(namespace).delete();

        assertThat(client.secrets()
                        .inNamespace("finalizing")
                        .withName("held")
                        .get()
                        .getMetadata()
                        .getDeletionTimestamp())
                .isNotNull();
    }

    private Namespace namespace(String name) {
        return client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }
}
