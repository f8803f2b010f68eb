package io.usercounter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** OPERATOR_HEALTH_PORT serves liveness, readiness and Prometheus metrics. */
@ExtendWith(OperatorOnMockApiServer.class)
class HealthEndpointTest {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthzAnswersOk(UserCounterOperator operator) throws Exception {
        var response = get(operator, "/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void readyzAnswersReadyOnceTheInformersAreSynced(UserCounterOperator operator) throws Exception {
        var response = get(operator, "/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ready");
    }

    @Test
    void metricsAreInThePrometheusTextFormat(UserCounterOperator operator) throws Exception {
        var response = get(operator, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    private HttpResponse<String> get(UserCounterOperator operator, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.healthPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
