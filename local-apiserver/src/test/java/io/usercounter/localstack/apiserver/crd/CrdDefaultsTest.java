package io.usercounter.localstack.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrdDefaultsTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void createFillsTheSpecDefaults() {
        GenericKubernetesResource created = create("defaults-spec", Map.of("redis", Map.of("host", "redis.infra")));

        assertThat(created.<Object>get("spec", "replicas")).isEqualTo(1);
        assertThat(created.<Object>get("spec", "consistency")).isEqualTo("Strong");
        assertThat(created.<Object>get("spec", "syncInterval")).isEqualTo("30s");
        assertThat(created.<Object>get("spec", "redis")).isEqualTo(Map.of("host", "redis.infra", "port", 6379));
    }

    @Test
    void aDefaultedObjectGetsItsOwnNestedDefaults() {
        GenericKubernetesResource created = create("defaults-nested", Map.of());

        assertThat(created.<Object>get("spec", "mysql")).isEqualTo(Map.of("port", 3306));
    }

    @Test
    void anAbsentOptionalObjectWithoutADefaultStaysAbsent() {
        GenericKubernetesResource created = create("defaults-optional", Map.of());

        assertThat(created.<Object>get("spec", "ingress")).isNull();
    }

    @Test
    void arrayItemsGetTheirDefaults() {
        GenericKubernetesResource created =
                create("defaults-items", Map.of("tags", List.of(Map.of("key", "a"), Map.of("key", "b", "weight", 3))));

        assertThat(created.<Object>get("spec", "tags"))
                .isEqualTo(List.of(Map.of("key", "a", "weight", 10), Map.of("key", "b", "weight", 3)));
    }

    @Test
    void aNullForANonNullableFieldIsDefaulted() {
        Map<String, Object> spec = new HashMap<>();
        spec.put("consistency", null);

        GenericKubernetesResource created = create("defaults-null", spec);

        assertThat(created.<Object>get("spec", "consistency")).isEqualTo("Strong");
    }

    @Test
    void anUpdateThatRemovesADefaultedFieldGetsTheDefaultBack() {
        create("defaults-update", Map.of("syncInterval", "5s"));

        GenericKubernetesResource patched = client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                .withName("defaults-update")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"syncInterval\":null}}");

        assertThat(patched.<Object>get("spec", "syncInterval")).isEqualTo("30s");
    }

    @Test
    void givenValuesAreKept() {
        GenericKubernetesResource created = create("defaults-given", Map.of("replicas", 5, "consistency", "Eventual"));

        assertThat(created.<Object>get("spec", "replicas")).isEqualTo(5);
        assertThat(created.<Object>get("spec", "consistency")).isEqualTo("Eventual");
    }

    private GenericKubernetesResource create(String name, Map<String, Object> spec) {
        GenericKubernetesResource userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(new ObjectMetaBuilder().withName(name).build());
        userCounter.setAdditionalProperty("spec", spec);
        return client.resource(userCounter).create();
    }
}
