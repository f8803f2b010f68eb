package io.usercounter.e2e.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ManifestApplierTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    private Path yaml(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void createsEveryObjectOfAMultiDocumentFile() throws Exception {
        Path file = yaml("two.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: one, namespace: team-a}
        data: {k: v1}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: two, namespace: team-a}
        stringData: {password: s3cret}
        """);

        assertThat(new ManifestApplier(client).apply(file))
                .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactly("ConfigMap/one", "Secret/two");
        assertThat(client.configMaps()
                        .inNamespace("team-a")
                        .withName("one")
                        .get()
                        .getData())
                .containsEntry("k", "v1");
    }

    @Test
    void applyingAgainUpdatesWhatExists() throws Exception {
        ManifestApplier applier = new ManifestApplier(client);
        applier.apply(yaml(
                "v1.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: again, namespace: team-a}\ndata: {k: v1}\n"));

        applier.apply(yaml(
                "v2.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: again, namespace: team-a}\ndata: {k: v2}\n"));

        assertThat(client.configMaps()
                        .inNamespace("team-a")
                        .withName("again")
                        .get()
                        .getData())
                .containsEntry("k", "v2");
    }
}
