package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.MYSQL_SECRET;
import static io.usercounter.operator.TestUserCounters.REDIS_SECRET;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator asks the API server only for the Secrets it needs: the ones UserCounters reference, by name, and its
 * own config Secrets, by label. A Secret it never receives cannot fill its heap (issue 13, defect 2).
 */
class SecretRequestsTest {

    static OperatorOnMockApiServer.Running running;

    @BeforeAll
    static void startOperatorOfItsOwn() {
        running = OperatorOnMockApiServer.Running.start(Map.of(), server -> {});
    }

    @AfterAll
    static void stopOperator() {
        running.close();
    }

    @Test
    void listsAndWatchesSecretsOnlyByReferencedNameOrManagedLabel() throws InterruptedException {
        var ns = new TestNamespace(running.client(), "secret-requests");
        ns.create(secret(ns.name(), "sh.helm.release.v1.other.v1", Map.of("release", "x".repeat(16 * 1024))));
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");

        var unselected = new ArrayList<String>();
        var namesSelected = new ArrayList<String>();
        for (String query : secretCollectionReads()) {
            if (query.contains("fieldSelector=metadata.name=")) {
                namesSelected.add(query.replaceAll(".*fieldSelector=metadata\\.name=([^&]*).*", "$1"));
            } else if (!query.contains("labelSelector=")) {
                unselected.add(query);
            }
        }
        assertThat(unselected).as("Secret lists and watches without a selector").isEmpty();
        assertThat(namesSelected).containsOnly(MYSQL_SECRET, REDIS_SECRET).contains(MYSQL_SECRET, REDIS_SECRET);
    }

    /** The decoded paths of every GET on a Secret collection (lists and watches) the operator has made so far. */
    private static List<String> secretCollectionReads() throws InterruptedException {
        var reads = new ArrayList<String>();
        RecordedRequest request;
        while ((request = running.server().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            if (request.getMethod().equals("GET") && path.matches(".*/secrets(\\?.*)?")) {
                reads.add(path);
            }
        }
        return reads;
    }
}
