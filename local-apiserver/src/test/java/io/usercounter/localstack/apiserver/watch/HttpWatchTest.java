package io.usercounter.localstack.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watches the way kubectl wait and client-go send them: plain HTTP, no WebSocket upgrade. */
class HttpWatchTest {

    private static final String CONFIG_MAPS = "/api/v1/namespaces/http-watch/configmaps";

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @Test
    void reportsTheChangesAfterTheRequestedVersionAndEnds() {
        ConfigMap before = create("before-a", "app=a");
        ConfigMap changed = create("changed-a", "app=a");
        changed.setData(java.util.Map.of("k", "v"));
        changed = client.resource(changed).update();
        create("other-label-a", "app=b");

        List<JsonNode> events = watch(CONFIG_MAPS + "?watch=true&labelSelector=app%3Da&resourceVersion="
                + before.getMetadata().getResourceVersion());

        assertThat(events)
                .extracting(e -> e.path("type").asText() + " "
                        + e.path("object").path("metadata").path("name").asText())
                .containsExactly("MODIFIED changed-a");
        assertThat(events.get(0)
                        .path("object")
                        .path("metadata")
                        .path("resourceVersion")
                        .asText())
                .isEqualTo(changed.getMetadata().getResourceVersion());
    }

    @Test
    void reportsADeletionAfterTheRequestedVersion() {
        ConfigMap doomed = create("doomed-b", "app=b2");
        client.resource(doomed).delete();

        List<JsonNode> events = watch(CONFIG_MAPS + "?watch=true&labelSelector=app%3Db2&resourceVersion="
                + doomed.getMetadata().getResourceVersion());

        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("DELETED");
        assertThat(events.get(0).path("object").path("metadata").path("name").asText())
                .isEqualTo("doomed-b");
    }

    @Test
    void fromVersionZeroEveryCurrentObjectIsAdded() {
        create("first-c", "app=c");
        create("second-c", "app=c");

        List<JsonNode> events = watch(CONFIG_MAPS + "?watch=true&labelSelector=app%3Dc");

        assertThat(events)
                .extracting(e -> e.path("type").asText() + " "
                        + e.path("object").path("metadata").path("name").asText())
                .containsExactly("ADDED first-c", "ADDED second-c");
    }

    @Test
    void aWatchWithNothingToReportEndsEmptyAfterAPause() {
        ConfigMap quiet = create("quiet-d", "app=d");
        long started = System.nanoTime();

        var response = raw.get(
                CONFIG_MAPS + "?watch=true&labelSelector=app%3Dd&resourceVersion="
                        + quiet.getMetadata().getResourceVersion(),
                "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isBlank();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(HttpWatch.QUIET_WATCH_LENGTH.toNanos());
    }

    @Test
    void aTableWatchLikeKubectlGetWatchGetsTables() {
        create("table-e", "app=e");

        var response = raw.get(
                CONFIG_MAPS + "?watch=true&labelSelector=app%3De",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        JsonNode object =
                Serialization.unmarshal(response.body().trim(), JsonNode.class).path("object");
        assertThat(object.path("kind").asText()).isEqualTo("Table");
        assertThat(object.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("table-e");
    }

    private ConfigMap create(String name, String label) {
        String[] keyValue = label.split("=");
        return client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("http-watch")
                        .addToLabels(keyValue[0], keyValue[1])
                        .endMetadata()
                        .build())
                .create();
    }

    private List<JsonNode> watch(String path) {
        var response = raw.get(path, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.body()
                .lines()
                .filter(line -> !line.isBlank())
                .forEach(line -> events.add(Serialization.unmarshal(line, JsonNode.class)));
        return events;
    }
}
