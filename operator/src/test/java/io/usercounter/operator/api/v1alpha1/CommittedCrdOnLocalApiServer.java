package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local API server with the committed CRD created and no operator, for all the tests of a class (registered
 * with {@code @RegisterExtension}): what {@code kubectl apply -f crds/} gives a cluster.
 */
final class CommittedCrdOnLocalApiServer implements BeforeAllCallback, AfterAllCallback {

    private LocalApiServer apiServer;
    private KubernetesClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        apiServer = LocalApiServer.start(0);
        client = apiServer.client();
        client.resource(new ObjectMapper(new YAMLFactory())
                        .readValue(CommittedCrdTest.COMMITTED.toFile(), CustomResourceDefinition.class))
                .create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (apiServer != null) {
            client.close();
            apiServer.close();
        }
    }

    KubernetesClient client() {
        return client;
    }

    String url() {
        return apiServer.url();
    }
}
