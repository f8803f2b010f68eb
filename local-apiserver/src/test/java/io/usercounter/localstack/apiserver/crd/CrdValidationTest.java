package io.usercounter.localstack.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrdValidationTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.withUserCounterCrd();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void aNumberAboveItsMaximumIsRejectedNamingTheField() {
        assertThat(rejection("too-many", Map.of("replicas", 101)))
                .isEqualTo(
                        "UserCounter.usercounter.io \"too-many\" "
                                + "is invalid: spec.replicas: Invalid value: 101: spec.replicas in body should be less than or equal to 100");
    }

    @Test
    void aValueOutsideTheEnumIsRejectedListingTheSupportedValues() {
        assertThat(rejection("weak", Map.of("consistency", "Weak")))
                .endsWith("spec.consistency: Unsupported value: \"Weak\": supported values: \"Eventual\", \"Strong\"");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        assertThat(rejection("two", Map.of("replicas", "two")))
                .endsWith(
                        "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        assertThat(rejection("no-host", Map.of("redis", Map.of("port", 6380))))
                .endsWith("spec.redis.host: Required value");
    }

    @Test
    void aStringNotMatchingItsPatternIsRejected() {
        assertThat(rejection("soon", Map.of("syncInterval", "soon")))
                .endsWith(
                        "spec.syncInterval: Invalid value: "
                                + "\"soon\": spec.syncInterval in body should match '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$'");
    }

    @Test
    void aStringLongerThanItsMaximumIsRejected() {
        assertThat(rejection("long-host", Map.of("ingress", Map.of("host", "a-very-long-host.counters.test"))))
                .endsWith("spec.ingress.host: Too long: may not be more than 20 bytes");
    }

    @Test
    void aCelRuleOnAFieldIsEnforcedWithItsMessage() {
        assertThat(rejection("slow", Map.of("syncInterval", "25h")))
                .endsWith("spec.syncInterval: Invalid value: \"string\": syncInterval must be between 100ms and 24h");
    }

    @Test
    void aCrossFieldCelRuleIsEnforcedWithItsMessage() {
        assertThat(rejection("no-ingress-host", Map.of("ingress", Map.of("enabled", true))))
                .endsWith(
                        "spec.ingress: Invalid value: \"object\": ingress.host is required when ingress.enabled is true");
    }

    @Test
    void aCelRuleOnTheRootIsEnforcedOnTheName() {
        assertThat(rejection("bad-name", Map.of()))
                .isEqualTo("UserCounter.usercounter.io \"bad-name\" is invalid: "
                        + "<nil>: Invalid value: \"object\": metadata.name must not start with bad-");
    }

    @Test
    void aCelRuleOnTheRootSeesOnlyTheNameOfTheMetadata() {
        GenericKubernetesResource labelled = userCounter("labelled", Map.of());
        labelled.getMetadata().setLabels(Map.of("team", "counters"));

        assertThat(client.resource(labelled).create().getMetadata().getLabels()).containsEntry("team", "counters");
    }

    @Test
    void everyInvalidFieldIsListed() {
        assertThat(rejection("both", Map.of("replicas", -1, "consistency", "Weak")))
                .isEqualTo(
                        "UserCounter.usercounter.io \"both\" is invalid: [spec.consistency: Unsupported value: \"Weak\": supported "
                                + "values: \"Eventual\", \"Strong\", spec.replicas: Invalid value: -1: spec.replicas in body should be "
                                + "greater than or equal to 0]");
    }

    @Test
    void theRejectionDetailsNameTheKindAndEachInvalidField() {
        KubernetesClientException rejected = catchThrowableOfType(
                KubernetesClientException.class,
                () -> client.resource(userCounter("details", Map.of("replicas", -1, "consistency", "Weak")))
                        .create());

        var details = rejected.getStatus().getDetails();
        assertThat(details.getKind()).isEqualTo("UserCounter");
        assertThat(details.getName()).isEqualTo("details");
        assertThat(details.getCauses())
                .extracting(cause -> cause.getField())
                .containsExactly("spec.consistency", "spec.replicas");
    }

    @Test
    void anInvalidPatchIsRejectedAndTheStoredObjectKept() {
        client.resource(userCounter("kept", Map.of("replicas", 2))).create();
        var resource = client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                .withName("kept");

        KubernetesClientException rejected = catchThrowableOfType(
                KubernetesClientException.class,
                () -> resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":500}}"));

        assertThat(rejected.getCode()).isEqualTo(422);
        assertThat(resource.get().<Object>get("spec", "replicas")).isEqualTo(2);
    }

    private String rejection(String name, Map<String, Object> spec) {
        KubernetesClientException rejected = catchThrowableOfType(
                KubernetesClientException.class,
                () -> client.resource(userCounter(name, spec)).create());
        assertThat(rejected.getCode()).isEqualTo(422);
        assertThat(rejected.getStatus().getReason()).isEqualTo("Invalid");
        return rejected.getStatus().getMessage();
    }

    private static GenericKubernetesResource userCounter(String name, Map<String, Object> spec) {
        GenericKubernetesResource userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion("usercounter.io/v1alpha1");
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(new ObjectMetaBuilder().withName(name).build());
        userCounter.setAdditionalProperty("spec", spec);
        return userCounter;
    }
}
