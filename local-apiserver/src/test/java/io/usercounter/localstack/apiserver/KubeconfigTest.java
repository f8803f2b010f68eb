package io.usercounter.localstack.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    @Test
    void writesAPlainHttpKubeconfigWhoseCurrentContextUsesTheDefaultNamespace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/kubeconfig");

        Kubeconfig.write("http://127.0.0.1:6443", file);

        Config config = Config.fromKubeconfig(Files.readString(file));
        assertThat(config.getMasterUrl()).isEqualTo("http://127.0.0.1:6443/");
        assertThat(config.getNamespace()).isEqualTo("default");
        assertThat(config.getCurrentContext().getName()).isEqualTo("local-stack");
    }

    @Test
    void aClientBuiltFromTheKubeconfigTalksToTheServer(@TempDir Path dir) throws Exception {
        try (LocalApiServer server = LocalApiServer.start(0)) {
            Path file = dir.resolve("kubeconfig");
            Kubeconfig.write(server.url(), file);

            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(file)))
                    .build()) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("team-a")
                                .endMetadata()
                                .build())
                        .create();
                assertThat(client.namespaces()
                                .withName("team-a")
                                .get()
                                .getMetadata()
                                .getName())
                        .isEqualTo("team-a");
            }
        }
    }
}
