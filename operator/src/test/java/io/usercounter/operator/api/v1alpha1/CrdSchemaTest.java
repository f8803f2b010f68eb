package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema check the examples go through finds what the API server would reject. */
class CrdSchemaTest {

    static final String VALID = """
            redis: {host: redis.infra}
            mysql: {host: mysql.infra, database: counters, credentialsSecretRef: {name: creds}}
            """;

    static CrdSchema schema;

    @BeforeAll
    static void loadGeneratedCrd() throws Exception {
        schema = CrdSchema.generated();
    }

    @Test
    void acceptsAMinimalSpec() throws Exception {
        assertThat(violations(VALID)).isEmpty();
    }

    @Test
    void reportsAMisspelledField() throws Exception {
        assertThat(violations(VALID + "replica: 2\n")).containsExactly("spec.replica is not a field");
    }

    @Test
    void reportsAMissingRequiredField() throws Exception {
        assertThat(violations("redis: {host: redis.infra}\n")).containsExactly("spec.mysql is required");
    }

    @Test
    void reportsAValueOutsideItsRangeOrPattern() throws Exception {
        assertThat(violations(VALID + "replicas: 101\nconsistency: Weak\n"))
                .containsExactlyInAnyOrder(
                        "spec.replicas is above 100.0", "spec.consistency must be one of [Eventual, Strong]");
    }

    @Test
    void reportsABrokenCelRule() throws Exception {
        assertThat(violations(VALID + "syncInterval: 50ms\ningress: {enabled: true}\n"))
                .containsExactlyInAnyOrder(
                        "spec.syncInterval: syncInterval must be between 100ms and 24h",
                        "spec.ingress: ingress.host is required when ingress.enabled is true");
    }

    @Test
    void reportsANodeThatIsNotHostColonPort() throws Exception {
        assertThat(violations("""
                redis: {mode: Cluster, nodes: ["redis-0.infra:6379", "redis-1.infra", "redis-2.infra:65536"]}
                mysql: {host: mysql.infra, database: counters, credentialsSecretRef: {name: creds}}
                """))
                .containsExactlyInAnyOrder(
                        "spec.redis.nodes[1] must match " + RedisSpec.NODE_PATTERN,
                        "spec.redis.nodes[2] must match " + RedisSpec.NODE_PATTERN);
    }

    @Test
    void reportsASentinelSetWithoutItsMasterName() throws Exception {
        assertThat(violations("""
                redis: {mode: Sentinel, nodes: ["sentinel-0.infra:26379"]}
                mysql: {host: mysql.infra, database: counters, credentialsSecretRef: {name: creds}}
                """))
                .containsExactly("spec.redis: redis.sentinel.masterName is required when redis.mode is Sentinel");
    }

    private static java.util.List<String> violations(String yaml) throws Exception {
        return schema.violationsOfSpec(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }
}
