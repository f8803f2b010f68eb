package io.usercounter.localstack.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.RawRequests;
import io.usercounter.localstack.apiserver.TestResources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TablePrinterTest {

    // what kubectl get sends
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private static final String USER_COUNTERS = "/apis/usercounter.io/v1alpha1/namespaces/default/usercounters";

    // the server's clock runs three hours ahead, so every object is exactly "3h" old
    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd()
            .withClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(3)));

    private final KubernetesClient client = API_SERVER.client();
    private final RawRequests raw = API_SERVER.raw();

    @BeforeAll
    static void createSharedObjects() {
        KubernetesClient client = API_SERVER.client();
        GenericKubernetesResource demo = client.resource(userCounter("demo")).create();
        demo.setAdditionalProperty("status", Map.of("ready", "2/2", "url", "http://demo.counters.test/"));
        client.resource(demo).updateStatus();
        client.resource(userCounter("fresh")).create();
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void aCustomResourceListIsPrintedWithTheCrdsPrinterColumns() {
        JsonNode table = getTable(USER_COUNTERS);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(columnNames(table)).containsExactly("Name", "Consistency", "Sync", "Ready", "URL", "Age");
    }

    @Test
    void aRowEvaluatesEachColumnsJsonPathAndPrintsTheAge() {
        JsonNode table = getTable(USER_COUNTERS + "/demo");

        assertThat(table.path("rows")).hasSize(1);
        assertThat(cells(table.path("rows").get(0)))
                .containsExactly("demo", "Eventual", "2s", "2/2", "http://demo.counters.test/", "3h");
    }

    @Test
    void aColumnWhosePathIsMissingHasNoValue() {
        JsonNode table = getTable(USER_COUNTERS + "/fresh");

        assertThat(cells(table.path("rows").get(0))).containsExactly("fresh", "Eventual", "2s", null, null, "3h");
    }

    @Test
    void eachRowCarriesTheObjectsMetadata() {
        JsonNode row = getTable(USER_COUNTERS + "/demo").path("rows").get(0);

        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("namespace").asText())
                .isEqualTo("default");
    }

    @Test
    void aBuiltInKindIsPrintedWithNameAndAge() {
        JsonNode table = getTable("/api/v1/namespaces/default/configmaps");

        assertThat(columnNames(table)).containsExactly("Name", "Age");
        assertThat(cells(table.path("rows").get(0))).containsExactly("settings", "3h");
    }

    @Test
    void aDeploymentIsPrintedWithReadyUpToDateAndAvailable() {
        var deployment = client.resource(TestResources.deployment("web")).create();
        deployment.setStatus(new DeploymentStatusBuilder()
                .withReadyReplicas(1)
                .withUpdatedReplicas(2)
                .build());
        client.resource(deployment).updateStatus();

        JsonNode table = getTable("/apis/apps/v1/namespaces/default/deployments/web");

        assertThat(columnNames(table)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age");
        assertThat(cells(table.path("rows").get(0))).containsExactly("web", "1/2", "2", "0", "3h");
    }

    @Test
    void aPlainJsonRequestStillGetsTheObject() {
        var response = raw.get(USER_COUNTERS + "/demo", "application/json");

        assertThat(Serialization.unmarshal(response.body(), JsonNode.class)
                        .path("kind")
                        .asText())
                .isEqualTo("UserCounter");
    }

    private JsonNode getTable(String path) {
        var response = raw.get(path, TABLE);
        assertThat(response.statusCode()).isEqualTo(200);
        return Serialization.unmarshal(response.body(), JsonNode.class);
    }

    private static List<String> columnNames(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions")
                .forEach(column -> names.add(column.path("name").asText()));
        return names;
    }

    private static List<String> cells(JsonNode row) {
        List<String> cells = new ArrayList<>();
        row.path("cells").forEach(cell -> cells.add(cell.isNull() ? null : cell.asText()));
        return cells;
    }

    private static GenericKubernetesResource userCounter(String name) {
        GenericKubernetesResource userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        userCounter.setAdditionalProperty("spec", Map.of("consistency", "Eventual", "syncInterval", "2s"));
        return userCounter;
    }
}
