package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated CRD carries the resource's contract: names, printer columns, status subresource, defaults, ranges, enums. */
class CrdContractTest {

    static JsonNode crd;
    static JsonNode spec;

    @BeforeAll
    static void loadGeneratedCrd() throws Exception {
        crd = new ObjectMapper(new YAMLFactory()).readTree(CommittedCrdTest.GENERATED.toFile());
        spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    }

    @Test
    void isTheNamespacedUserCounterOfUsercounterIoV1alpha1WithShortNameUc() {
        assertThat(crd.at("/metadata/name").asText()).isEqualTo("usercounters.usercounter.io");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("UserCounter");
        assertThat(crd.at("/spec/names/plural").asText()).isEqualTo("usercounters");
        assertThat(texts(crd.at("/spec/names/shortNames"))).containsExactly("uc");
        assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
    }

    @Test
    void hasAStatusSubresource() {
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    }

    @Test
    void hasAScaleSubresourceOnSpecReplicasStatusReplicasAndStatusSelector() {
        assertThat(crd.at("/spec/versions/0/subresources/scale/specReplicasPath")
                        .asText())
                .isEqualTo(".spec.replicas");
        assertThat(crd.at("/spec/versions/0/subresources/scale/statusReplicasPath")
                        .asText())
                .isEqualTo(".status.replicas");
        assertThat(crd.at("/spec/versions/0/subresources/scale/labelSelectorPath")
                        .asText())
                .isEqualTo(".status.selector");
    }

    @Test
    void printsConsistencySyncReadyStatusUrlAndAgeInThatOrder() {
        var columns = new ArrayList<String>();
        crd.at("/spec/versions/0/additionalPrinterColumns")
                .forEach(column -> columns.add(column.path("name").asText() + "="
                        + column.path("jsonPath").asText()));
        assertThat(columns)
                .containsExactly(
                        "Consistency=.spec.consistency",
                        "Sync=.spec.syncInterval",
                        "Ready=.status.ready",
                        "Status=.status.conditions[?(@.type==\"Ready\")].reason",
                        "URL=.status.url",
                        "Age=.metadata.creationTimestamp");
    }

    @Test
    void requiresRedisAndMysqlWithTheirHostsDatabaseAndCredentials() {
        assertThat(texts(spec.path("required"))).containsExactlyInAnyOrder("redis", "mysql");
        // redis.host is required by a CEL rule in mode Standalone only
        assertThat(spec.at("/properties/redis/required").isMissingNode()).isTrue();
        assertThat(texts(spec.at("/properties/mysql/required")))
                .containsExactlyInAnyOrder("host", "database", "credentialsSecretRef");
    }

    @Test
    void defaultsFollowTheDesign() {
        assertThat(spec.at("/properties/replicas/default").asInt()).isEqualTo(1);
        assertThat(spec.at("/properties/consistency/default").asText()).isEqualTo("Strong");
        assertThat(spec.at("/properties/syncInterval/default").asText()).isEqualTo("30s");
        assertThat(spec.at("/properties/redis/properties/port/default").asInt()).isEqualTo(6379);
        assertThat(spec.at("/properties/mysql/properties/port/default").asInt()).isEqualTo(3306);
    }

    @Test
    void constrainsReplicasConsistencyAndTheDatabaseName() {
        assertThat(spec.at("/properties/replicas/minimum").asInt()).isZero();
        assertThat(spec.at("/properties/replicas/maximum").asInt()).isEqualTo(100);
        assertThat(texts(spec.at("/properties/consistency/enum"))).containsExactlyInAnyOrder("Strong", "Eventual");
        assertThat(spec.at("/properties/mysql/properties/database/pattern").asText())
                .isEqualTo("^[A-Za-z0-9_]{1,64}$");
    }

    @Test
    void redisModeIsStandaloneSentinelOrClusterWithHostPortNodes() {
        var redis = spec.at("/properties/redis/properties");
        assertThat(texts(redis.at("/mode/enum"))).containsExactlyInAnyOrder("Standalone", "Sentinel", "Cluster");
        assertThat(redis.at("/mode/default").asText()).isEqualTo("Standalone");
        assertThat(redis.at("/nodes/minItems").asInt()).isEqualTo(1);
        assertThat(redis.at("/nodes/maxItems").asInt()).isEqualTo(16);
        assertThat(redis.at("/nodes/items/pattern").asText()).isEqualTo(RedisSpec.NODE_PATTERN);
        assertThat(texts(redis.at("/sentinel/required"))).containsExactly("masterName");
    }

    @Test
    void authNamesTheTokenSecretAndNetworkPolicyDefaultsToIngressNginx() {
        assertThat(texts(spec.at("/properties/auth/required"))).containsExactly("tokenSecretRef");
        assertThat(texts(spec.at("/properties/auth/properties/tokenSecretRef/required")))
                .containsExactlyInAnyOrder("name", "key");
        assertThat(spec.at("/properties/networkPolicy/properties/enabled/default")
                        .asBoolean())
                .isFalse();
        assertThat(spec.at("/properties/networkPolicy/properties/ingressNamespace/default")
                        .asText())
                .isEqualTo("ingress-nginx");
    }

    private static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
