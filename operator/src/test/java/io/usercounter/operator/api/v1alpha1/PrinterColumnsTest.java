package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code kubectl get uc} prints with the committed CRD, on an API server that prints Tables as upstream does. */
class PrinterColumnsTest {

    @RegisterExtension
    static final CommittedCrdOnLocalApiServer apiServer = new CommittedCrdOnLocalApiServer();

    @Test
    void kubectlGetShowsConsistencySyncReadyStatusUrlAndAgeInThatOrder() throws Exception {
        assertThat(columns(table())).containsExactly("Name", "Consistency", "Sync", "Ready", "Status", "URL", "Age");
    }

    @Test
    void theStatusColumnIsTheReasonOfTheReadyCondition() throws Exception {
        var created = apiServer.client().resource(userCounter()).create();
        created.setStatus(new UserCounterStatus(
                1L,
                0,
                0,
                "0/2",
                null,
                "Eventual",
                "5s",
                "http://demo.default.svc/",
                List.of(
                        new ConditionBuilder()
                                .withType("Progressing")
                                .withStatus("False")
                                .withReason("Other")
                                .build(),
                        new ConditionBuilder()
                                .withType("Ready")
                                .withStatus("False")
                                .withReason("SecretNotFound")
                                .build())));
        apiServer.client().resource(created).updateStatus();

        JsonNode cells = table().path("rows").get(0).path("cells");

        assertThat(cells.get(3).asText()).isEqualTo("0/2");
        assertThat(cells.get(4).asText()).isEqualTo("SecretNotFound");
    }

    private static UserCounter userCounter() {
        var userCounter = new UserCounter();
        userCounter.setMetadata(new ObjectMetaBuilder()
                .withName("demo")
                .withNamespace("default")
                .build());
        userCounter.getSpec().setReplicas(2);
        userCounter.getSpec().setConsistency(Consistency.Eventual);
        userCounter.getSpec().setSyncInterval("5s");
        var redis = new RedisSpec();
        redis.setHost("redis.infra");
        userCounter.getSpec().setRedis(redis);
        var mysql = new MysqlSpec();
        mysql.setHost("mysql.infra");
        mysql.setDatabase("counters");
        mysql.setCredentialsSecretRef(new CredentialsSecretRef("creds", "username", "password"));
        userCounter.getSpec().setMysql(mysql);
        return userCounter;
    }

    /** What kubectl get asks for. */
    private static JsonNode table() throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create(apiServer.url() + "/apis/usercounter.io/v1alpha1/namespaces/default/usercounters"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .GET()
                .build();
        try (var http = HttpClient.newHttpClient()) {
            return new ObjectMapper()
                    .readTree(http.send(request, HttpResponse.BodyHandlers.ofString())
                            .body());
        }
    }

    private static List<String> columns(JsonNode table) {
        var names = new ArrayList<String>();
        table.path("columnDefinitions")
                .forEach(column -> names.add(column.path("name").asText()));
        return names;
    }
}
