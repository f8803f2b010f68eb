package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates the CEL rules of the generated CRD the way the API server does ({@code self} is the value at the
 * rule's schema node), because the mock API server of the other tests enforces none of them. A rule is named by
 * its path and its message.
 */
class CrdValidationRulesTest {

    static final String ROOT = "";
    static final String INGRESS = "spec.ingress";
    static final String SYNC_INTERVAL = "spec.syncInterval";
    static final String REDIS = "spec.redis";
    static final String AUTOSCALING = "spec.autoscaling";
    static final String POD = "spec.podTemplate";
    static final String ENV = "spec.podTemplate.env[]";
    static final String ENV_VALUE_OR_FROM = "podTemplate.env: set value or valueFrom, not both";

    static final String INGRESS_HOST = "ingress.host is required when ingress.enabled is true";
    static final String SYNC_RANGE = "syncInterval must be between 100ms and 24h";
    static final String STANDALONE_HOST = "redis.host is required when redis.mode is Standalone";
    static final String STANDALONE_NO_NODES =
            "redis.nodes is only used when redis.mode is Sentinel or Cluster; set redis.host instead";
    static final String NODES_REQUIRED =
            "redis.nodes must list at least one host:port when redis.mode is Sentinel or Cluster";
    static final String NODES_NO_HOST =
            "redis.host is only used when redis.mode is Standalone; list the servers in redis.nodes";
    static final String MASTER_NAME = "redis.sentinel.masterName is required when redis.mode is Sentinel";
    static final String SENTINEL_ONLY = "redis.sentinel is only used when redis.mode is Sentinel";

    static final List<String> NODES = List.of("10.0.0.1:26379", "sentinel-1.infra:26379");
    static final Map<String, Object> MASTER = Map.of("masterName", "counters");

    static CrdValidationRules crd;

    @BeforeAll
    static void loadGeneratedCrd() throws Exception {
        crd = CrdValidationRules.load(CommittedCrdTest.GENERATED);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                        Stream.of(
                                Arguments.of(ROOT, UserCounter.NAME_MESSAGE, named("demo-1"), true),
                                Arguments.of(
                                        ROOT,
                                        UserCounter.NAME_MESSAGE,
                                        named("c".repeat(UserCounter.MAX_NAME_LENGTH)),
                                        true),
                                Arguments.of(
                                        ROOT,
                                        UserCounter.NAME_MESSAGE,
                                        named("c".repeat(UserCounter.MAX_NAME_LENGTH + 1)),
                                        false),
                                Arguments.of(ROOT, UserCounter.NAME_MESSAGE, named("1demo"), false),
                                Arguments.of(ROOT, UserCounter.NAME_MESSAGE, named("demo.v2"), false),
                                Arguments.of(ROOT, UserCounter.NAME_MESSAGE, named("demo-"), false),
                                Arguments.of(
                                        INGRESS,
                                        INGRESS_HOST,
                                        Map.of("enabled", true, "host", "demo.counters.test"),
                                        true),
                                Arguments.of(INGRESS, INGRESS_HOST, Map.of("enabled", true), false),
                                Arguments.of(INGRESS, INGRESS_HOST, Map.of("enabled", true, "host", ""), false),
                                Arguments.of(INGRESS, INGRESS_HOST, Map.of("enabled", false), true),
                                Arguments.of(INGRESS, INGRESS_HOST, Map.of(), true),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "100ms", true),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "5s", true),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "1m30s", true),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "24h", true),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "99ms", false),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "0s", false),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "24h1s", false),
                                Arguments.of(SYNC_INTERVAL, SYNC_RANGE, "25h", false),
                                Arguments.of(
                                        REDIS,
                                        STANDALONE_HOST,
                                        Map.of("mode", "Standalone", "host", "redis.infra"),
                                        true),
                                Arguments.of(REDIS, STANDALONE_HOST, Map.of("host", "redis.infra"), true),
                                Arguments.of(
                                        REDIS, STANDALONE_HOST, Map.of("mode", "Standalone", "port", 6379L), false),
                                Arguments.of(REDIS, STANDALONE_HOST, Map.of(), false),
                                Arguments.of(REDIS, STANDALONE_HOST, Map.of("mode", "Cluster", "nodes", NODES), true),
                                Arguments.of(REDIS, STANDALONE_NO_NODES, Map.of("host", "redis.infra"), true),
                                Arguments.of(
                                        REDIS,
                                        STANDALONE_NO_NODES,
                                        Map.of("mode", "Standalone", "nodes", NODES),
                                        false),
                                Arguments.of(REDIS, STANDALONE_NO_NODES, Map.of("nodes", NODES), false),
                                Arguments.of(
                                        REDIS, STANDALONE_NO_NODES, Map.of("mode", "Cluster", "nodes", NODES), true),
                                Arguments.of(REDIS, NODES_REQUIRED, Map.of("mode", "Sentinel", "nodes", NODES), true),
                                Arguments.of(REDIS, NODES_REQUIRED, Map.of("mode", "Cluster", "nodes", NODES), true),
                                Arguments.of(REDIS, NODES_REQUIRED, Map.of("mode", "Sentinel"), false),
                                Arguments.of(
                                        REDIS, NODES_REQUIRED, Map.of("mode", "Cluster", "nodes", List.of()), false),
                                Arguments.of(
                                        REDIS,
                                        NODES_REQUIRED,
                                        Map.of("mode", "Standalone", "host", "redis.infra"),
                                        true),
                                Arguments.of(REDIS, NODES_NO_HOST, Map.of("mode", "Cluster", "nodes", NODES), true),
                                Arguments.of(
                                        REDIS,
                                        NODES_NO_HOST,
                                        Map.of("mode", "Cluster", "host", "redis.infra", "nodes", NODES),
                                        false),
                                Arguments.of(
                                        REDIS, NODES_NO_HOST, Map.of("mode", "Sentinel", "host", "redis.infra"), false),
                                Arguments.of(REDIS, NODES_NO_HOST, Map.of("host", "redis.infra"), true),
                                Arguments.of(
                                        REDIS,
                                        MASTER_NAME,
                                        Map.of("mode", "Sentinel", "nodes", NODES, "sentinel", MASTER),
                                        true),
                                Arguments.of(REDIS, MASTER_NAME, Map.of("mode", "Sentinel", "nodes", NODES), false),
                                Arguments.of(
                                        REDIS,
                                        MASTER_NAME,
                                        Map.of("mode", "Sentinel", "nodes", NODES, "sentinel", Map.of()),
                                        false),
                                Arguments.of(REDIS, MASTER_NAME, Map.of("mode", "Cluster", "nodes", NODES), true),
                                Arguments.of(
                                        REDIS,
                                        SENTINEL_ONLY,
                                        Map.of("mode", "Sentinel", "nodes", NODES, "sentinel", MASTER),
                                        true),
                                Arguments.of(
                                        REDIS,
                                        SENTINEL_ONLY,
                                        Map.of("mode", "Cluster", "nodes", NODES, "sentinel", MASTER),
                                        false),
                                Arguments.of(
                                        REDIS, SENTINEL_ONLY, Map.of("host", "redis.infra", "sentinel", MASTER), false),
                                Arguments.of(REDIS, SENTINEL_ONLY, Map.of("host", "redis.infra"), true),
                                Arguments.of(
                                        AUTOSCALING,
                                        AutoscalingSpec.MAX_BELOW_MIN_MESSAGE,
                                        Map.of("minReplicas", 2L, "maxReplicas", 5L),
                                        true),
                                Arguments.of(
                                        AUTOSCALING,
                                        AutoscalingSpec.MAX_BELOW_MIN_MESSAGE,
                                        Map.of("minReplicas", 3L, "maxReplicas", 3L),
                                        true),
                                Arguments.of(
                                        AUTOSCALING,
                                        AutoscalingSpec.MAX_BELOW_MIN_MESSAGE,
                                        Map.of("maxReplicas", 1L),
                                        true),
                                Arguments.of(
                                        AUTOSCALING,
                                        AutoscalingSpec.MAX_BELOW_MIN_MESSAGE,
                                        Map.of("minReplicas", 4L, "maxReplicas", 3L),
                                        false)),
                        podTemplateCases(),
                        managedEnvCases())
                .flatMap(cases -> cases);
    }

    static Stream<Arguments> podTemplateCases() {
        String labels = POD + ".labels";
        String annotations = POD + ".annotations";
        String tolerations = POD + ".tolerations";
        String spread = POD + ".topologySpreadConstraints";
        String security = POD + ".securityContext";
        return Stream.of(
                Arguments.of(labels, PodTemplateSettings.MANAGED_LABELS_MESSAGE, Map.of("team", "payments"), true),
                Arguments.of(
                        labels,
                        PodTemplateSettings.MANAGED_LABELS_MESSAGE,
                        Map.of("app.kubernetes.io/instance", "other"),
                        false),
                Arguments.of(
                        labels,
                        PodTemplateSettings.MANAGED_LABELS_MESSAGE,
                        Map.of("app.kubernetes.io/managed-by", "helm"),
                        false),
                Arguments.of(
                        annotations,
                        PodTemplateSettings.CONFIG_HASH_MESSAGE,
                        Map.of("prometheus.io/scrape", "true"),
                        true),
                Arguments.of(
                        annotations,
                        PodTemplateSettings.CONFIG_HASH_MESSAGE,
                        Map.of("usercounter.io/config-hash", "0"),
                        false),
                Arguments.of(
                        tolerations,
                        PodTemplateSettings.TOLERATION_MESSAGE,
                        List.of(Map.of(
                                "key", "dedicated", "operator", "Equal", "value", "counters", "effect", "NoSchedule")),
                        true),
                Arguments.of(
                        tolerations,
                        PodTemplateSettings.TOLERATION_MESSAGE,
                        List.of(Map.of("operator", "Exists")),
                        true),
                Arguments.of(
                        tolerations,
                        PodTemplateSettings.TOLERATION_MESSAGE,
                        List.of(Map.of("key", "dedicated", "operator", "In")),
                        false),
                Arguments.of(
                        tolerations,
                        PodTemplateSettings.TOLERATION_MESSAGE,
                        List.of(Map.of("key", "dedicated", "effect", "NoWay")),
                        false),
                Arguments.of(
                        tolerations,
                        PodTemplateSettings.TOLERATION_MESSAGE,
                        List.of(Map.of("key", "dedicated", "operator", "Exists", "value", "x")),
                        false),
                Arguments.of(
                        spread,
                        PodTemplateSettings.SPREAD_MESSAGE,
                        List.of(Map.of(
                                "maxSkew",
                                1L,
                                "topologyKey",
                                "topology.kubernetes.io/zone",
                                "whenUnsatisfiable",
                                "DoNotSchedule")),
                        true),
                Arguments.of(
                        spread,
                        PodTemplateSettings.SPREAD_MESSAGE,
                        List.of(Map.of(
                                "maxSkew",
                                0L,
                                "topologyKey",
                                "kubernetes.io/hostname",
                                "whenUnsatisfiable",
                                "ScheduleAnyway")),
                        false),
                Arguments.of(
                        spread,
                        PodTemplateSettings.SPREAD_MESSAGE,
                        List.of(Map.of("maxSkew", 1L, "topologyKey", "", "whenUnsatisfiable", "ScheduleAnyway")),
                        false),
                Arguments.of(
                        spread,
                        PodTemplateSettings.SPREAD_MESSAGE,
                        List.of(Map.of(
                                "maxSkew",
                                1L,
                                "topologyKey",
                                "kubernetes.io/hostname",
                                "whenUnsatisfiable",
                                "Sometimes")),
                        false),
                Arguments.of(security, PodTemplateSettings.NON_ROOT_MESSAGE, Map.of(), true),
                Arguments.of(security, PodTemplateSettings.NON_ROOT_MESSAGE, Map.of("runAsUser", 1000680000L), true),
                Arguments.of(security, PodTemplateSettings.NON_ROOT_MESSAGE, Map.of("runAsUser", 0L), false),
                Arguments.of(security, PodTemplateSettings.NON_ROOT_MESSAGE, Map.of("runAsNonRoot", false), false),
                Arguments.of(ENV, ENV_VALUE_OR_FROM, Map.of("name", "LOGGING_LEVEL_ROOT", "value", "debug"), true),
                Arguments.of(
                        ENV,
                        ENV_VALUE_OR_FROM,
                        Map.of(
                                "name",
                                "POD",
                                "value",
                                "x",
                                "valueFrom",
                                Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))),
                        false));
    }

    /** One rule per variable the operator sets, each naming it. */
    static Stream<Arguments> managedEnvCases() {
        return ExtraEnvVar.MANAGED.stream().flatMap(name -> {
            String message = crd.rules().stream()
                    .filter(rule -> rule.path().equals(ENV) && rule.message().startsWith("env " + name + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no rule refuses env " + name))
                    .message();
            return Stream.of(
                    Arguments.of(ENV, message, Map.of("name", "COUNTER_CACHE_TTL", "value", "5m"), true),
                    Arguments.of(ENV, message, Map.of("name", name, "value", "x"), false));
        });
    }

    /** A root rule sees only metadata.name and metadata.generateName of the metadata. */
    static Map<String, Object> named(String name) {
        return Map.of("metadata", Map.of("name", name), "spec", Map.of());
    }

    @ParameterizedTest(name = "{0} = {2} passes \"{1}\": {3}")
    @MethodSource("cases")
    void ruleAcceptsValidAndRejectsInvalidValues(String path, String message, Object self, boolean valid) {
        assertThat(CelRule.holds(crd.at(path, message).expression(), self)).isEqualTo(valid);
    }

    @Test
    void everyRuleOfTheCrdHasCasesThatItAcceptsAndCasesThatItRejects() {
        var tested = cases().map(Arguments::get)
                .map(arguments -> arguments[0] + ": " + arguments[1] + " " + arguments[3])
                .distinct()
                .toList();
        var expected = crd.rules().stream()
                .flatMap(rule -> Stream.of(
                        rule.path() + ": " + rule.message() + " true", rule.path() + ": " + rule.message() + " false"))
                .toList();
        assertThat(tested).containsExactlyInAnyOrderElementsOf(expected);
    }
}
