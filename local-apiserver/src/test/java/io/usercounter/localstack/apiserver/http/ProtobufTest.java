package io.usercounter.localstack.apiserver.http;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServer;
import io.usercounter.localstack.apiserver.RawRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProtobufTest {

  private static LocalApiServer server;
  private static KubernetesClient client;
  private static RawRequests raw;

  @BeforeAll
  static void start() {
    server = LocalApiServer.start(0);
    client = server.client();
    raw = new RawRequests(server);
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "strong").build()).create();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void aKubectlAcceptHeaderPreferringProtobufIsAnsweredInJson() {
    HttpResponse<String> response = raw.get("/api/v1/namespaces/default/configmaps/settings",
        "application/vnd.kubernetes.protobuf,application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Serialization.unmarshal(response.body(), io.fabric8.kubernetes.api.model.ConfigMap.class).getData())
        .containsEntry("mode", "strong");
  }

  @Test
  void aProtobufRequestBodyGetsA415StatusInJson() {
    byte[] protobuf = {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a, 0x02, 0x76, 0x31};

    HttpResponse<String> response = raw.send("POST", "/api/v1/namespaces/default/configmaps",
        "application/vnd.kubernetes.protobuf", protobuf);

    assertThat(response.statusCode()).isEqualTo(415);
    Status status = Serialization.unmarshal(response.body(), Status.class);
    assertThat(status.getReason()).isEqualTo("UnsupportedMediaType");
    assertThat(status.getMessage()).isEqualTo("the local stack's API server accepts JSON request bodies only, "
        + "not application/vnd.kubernetes.protobuf");
  }

  @Test
  void aBodyThatIsNotJsonGetsA400StatusInsteadOfNoAnswer() {
    HttpResponse<String> response = raw.send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
        "not json".getBytes());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Serialization.unmarshal(response.body(), Status.class).getReason()).isEqualTo("BadRequest");
  }

  @Test
  void aMissingObjectGetsANotFoundStatusNamingIt() {
    HttpResponse<String> response = raw.get("/api/v1/namespaces/default/configmaps/absent", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Serialization.unmarshal(response.body(), Status.class).getMessage())
        .isEqualTo("configmaps \"absent\" not found");
  }
}
