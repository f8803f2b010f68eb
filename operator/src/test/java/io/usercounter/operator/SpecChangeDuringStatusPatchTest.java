package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.env;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spec change that reaches the API server just before the operator's status patch still reaches the pods: the
 * operator must not take the change's watch event for the echo of its own write (JOSDK 5.3.2 does: issue #3398).
 */
class SpecChangeDuringStatusPatchTest {

    static final String NAMESPACE = "spec-during-status";
    static final String USER_COUNTER = "/apis/usercounter.io/v1alpha1/namespaces/" + NAMESPACE + "/usercounters/demo";

    static final SpecEditBeforeFirstStatusPatch dispatcher = new SpecEditBeforeFirstStatusPatch();
    static OperatorOnMockApiServer.Running running;

    @BeforeAll
    static void startOperator() {
        running = OperatorOnMockApiServer.Running.start(dispatcher);
    }

    @AfterAll
    static void stopOperator() {
        running.close();
    }

    @Test
    void syncIntervalChangedJustBeforeTheStatusPatchReachesTheDeployment() {
        var ns = new TestNamespace(running.client(), NAMESPACE);
        ns.applyWithSecrets(userCounter(NAMESPACE, "demo"), "s3cret", "redis-pw");

        await().untilAsserted(() -> assertThat(dispatcher.edited).isTrue());
        await().untilAsserted(() ->
                assertThat(env(ns.get(Deployment.class, "demo"))).containsEntry("COUNTER_SYNC_INTERVAL", "90s"));
    }

    /** The CRUD mock, but the first status patch of the UserCounter is preceded by a change of its spec. */
    static final class SpecEditBeforeFirstStatusPatch extends Dispatcher {
        private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        final AtomicBoolean edited = new AtomicBoolean();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (request.method() == HttpMethod.PATCH
                    && request.getPath().startsWith(USER_COUNTER + "/status")
                    && edited.compareAndSet(false, true)) {
                crud.dispatch(new RecordedRequest(
                        "HTTP/1.1",
                        HttpMethod.PATCH,
                        USER_COUNTER,
                        Headers.builder()
                                .add("Content-Type", "application/merge-patch+json")
                                .build(),
                        new Buffer().writeUtf8("{\"spec\":{\"syncInterval\":\"1m30s\"}}")));
            }
            return crud.dispatch(request);
        }
    }
}
