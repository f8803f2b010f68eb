package io.usercounter.localstack.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProtobufTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @BeforeAll
    static void createSharedObjects() {
        KubernetesClient client = API_SERVER.client();
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .addToData("mode", "strong")
                        .build())
                .create();
    }

    @Test
    void aKubectlAcceptHeaderPreferringProtobufIsAnsweredInJson() {
        HttpResponse<String> response = raw.get(
                "/api/v1/namespaces/default/configmaps/settings",
                "application/vnd.kubernetes.protobuf,application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Serialization.unmarshal(response.body(), io.fabric8.kubernetes.api.model.ConfigMap.class)
                        .getData())
                .containsEntry("mode", "strong");
    }

    @Test
    void aProtobufBodyOfAKindItDoesNotReadGetsA415StatusInJson() {
        byte[] truncated = {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a, 0x02, 0x76, 0x31};

        HttpResponse<String> response = raw.send(
                "POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf", truncated);

        assertThat(response.statusCode()).isEqualTo(415);
        Status status = Serialization.unmarshal(response.body(), Status.class);
        assertThat(status.getReason()).isEqualTo("UnsupportedMediaType");
        assertThat(status.getMessage())
                .isEqualTo(
                        "the local stack's API server reads protobuf bodies only for "
                                + "kubectl's create namespace, secret and configmap; send this one as JSON (kubectl apply -f or create -f)");
    }

    @Test
    void kubectlCreateNamespaceInProtobufCreatesTheNamespace() throws Exception {
        HttpResponse<String> response = raw.send(
                "POST",
                "/api/v1/namespaces",
                "application/vnd.kubernetes.protobuf",
                recorded("kubectl-create-namespace.bin"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(client.namespaces().withName("team-z").get().getMetadata().getName())
                .isEqualTo("team-z");
    }

    @Test
    void kubectlCreateSecretInProtobufStoresItsData() throws Exception {
        raw.send(
                "POST",
                "/api/v1/namespaces/team-z/secrets",
                "application/vnd.kubernetes.protobuf",
                recorded("kubectl-create-secret.bin"));

        Secret secret = client.secrets().inNamespace("team-z").withName("creds").get();
        assertThat(secret.getData())
                .containsExactly(entry("password", base64("s3cret")), entry("username", base64("app")));
    }

    @Test
    void kubectlCreateConfigMapInProtobufStoresItsData() throws Exception {
        raw.send(
                "POST",
                "/api/v1/namespaces/team-z/configmaps",
                "application/vnd.kubernetes.protobuf",
                recorded("kubectl-create-configmap.bin"));

        assertThat(client.configMaps()
                        .inNamespace("team-z")
                        .withName("settings")
                        .get()
                        .getData())
                .containsExactly(entry("mode", "strong"));
    }

    /** Bodies recorded from kubectl 1.32: create namespace team-z, secret creds, configmap settings. */
    private static byte[] recorded(String name) throws Exception {
        try (var in = ProtobufTest.class.getResourceAsStream("/protobuf/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatIsNotJsonGetsA400StatusInsteadOfNoAnswer() {
        HttpResponse<String> response =
                raw.send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "not json".getBytes());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Serialization.unmarshal(response.body(), Status.class).getReason())
                .isEqualTo("BadRequest");
    }

    @Test
    void aMissingObjectGetsANotFoundStatusNamingIt() {
        HttpResponse<String> response = raw.get("/api/v1/namespaces/default/configmaps/absent", "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Serialization.unmarshal(response.body(), Status.class).getMessage())
                .isEqualTo("configmaps \"absent\" not found");
    }
}
