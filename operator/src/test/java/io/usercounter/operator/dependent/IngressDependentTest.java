package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import org.junit.jupiter.api.Test;

class IngressDependentTest {

    @Test
    void routesTheHostAndPathToTheServicesHttpPort() {
        var ingress = new IngressDependent().desired(withIngress("/counters", null), null);

        var rule = ingress.getSpec().getRules().get(0);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(rule.getHost()).isEqualTo("demo.counters.test");
        assertThat(rule.getHttp().getPaths().get(0).getPath()).isEqualTo("/counters");
        assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("demo");
        assertThat(rule.getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService()
                        .getPort()
                        .getName())
                .isEqualTo("http");
    }

    @Test
    void hasNoTlsWithoutATlsSecret() {
        assertThat(new IngressDependent()
                        .desired(withIngress("/", null), null)
                        .getSpec()
                        .getTls())
                .isEmpty();
    }

    @Test
    void terminatesTlsForTheHostWithTheTlsSecret() {
        var tls = new IngressDependent()
                .desired(withIngress("/", "demo-tls"), null)
                .getSpec()
                .getTls();

        assertThat(tls).singleElement().satisfies(entry -> {
            assertThat(entry.getHosts()).containsExactly("demo.counters.test");
            assertThat(entry.getSecretName()).isEqualTo("demo-tls");
        });
    }

    private static UserCounter withIngress(String path, String tlsSecretName) {
        var ingress = new IngressSpec();
        ingress.setEnabled(true);
        ingress.setHost("demo.counters.test");
        ingress.setClassName("nginx");
        ingress.setPath(path);
        ingress.setTlsSecretName(tlsSecretName);
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setIngress(ingress);
        return userCounter;
    }
}
