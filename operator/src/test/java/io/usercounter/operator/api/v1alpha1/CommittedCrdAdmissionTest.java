package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The committed CRD refuses, on an API server that enforces it (the local API server), the names and specs that
 * the operator could not turn into objects: each create below fails with 422 naming the field.
 */
class CommittedCrdAdmissionTest {

    static final String SPEC = """
            redis: {host: redis.infra}
            mysql: {host: mysql.infra, database: counters, credentialsSecretRef: {name: creds}}
            """;

    @RegisterExtension
    static final CommittedCrdOnLocalApiServer apiServer = new CommittedCrdOnLocalApiServer();

    @Test
    void aNameOfTheLongestLengthWhoseConfigSecretNameFitsIsAccepted() throws Exception {
        String name = "c".repeat(UserCounter.MAX_NAME_LENGTH);

        assertThat(apiServer
                        .client()
                        .resource(userCounter(name, SPEC))
                        .create()
                        .getMetadata()
                        .getName())
                .isEqualTo(name);
        assertThat(name + UserCounter.CONFIG_SUFFIX).hasSize(63);
    }

    @Test
    void aNameOneCharacterTooLongForTheConfigSecretIsRejected() throws Exception {
        assertThat(rejection("c".repeat(UserCounter.MAX_NAME_LENGTH + 1), SPEC))
                .endsWith("<nil>: Invalid value: \"object\": " + UserCounter.NAME_MESSAGE);
    }

    @Test
    void aNameStartingWithADigitIsRejectedAsNoServiceCanCarryIt() throws Exception {
        assertThat(rejection("1counter", SPEC))
                .isEqualTo("UserCounter.usercounter.io \"1counter\" is invalid: " + "<nil>: Invalid value: \"object\": "
                        + UserCounter.NAME_MESSAGE);
    }

    @Test
    void aNameWithADotIsRejectedAsNoLabelOfAServiceNameCanCarryIt() throws Exception {
        assertThat(rejection("counter.v2", SPEC))
                .endsWith("<nil>: Invalid value: \"object\": " + UserCounter.NAME_MESSAGE);
    }

    @Test
    void aUserCounterWithoutSpecIsRejected() throws Exception {
        assertThat(rejection("no-spec", null))
                .isEqualTo("UserCounter.usercounter.io \"no-spec\" is invalid: " + "spec: Required value");
    }

    @Test
    void anIpAddressAsIngressHostIsRejected() throws Exception {
        assertThat(rejection("ip-host", SPEC + "ingress: {enabled: true, host: 10.0.0.1}"))
                .endsWith("spec.ingress.host: Invalid value: \"10.0.0.1\": spec.ingress.host in body should match '"
                        + IngressSpec.HOST_PATTERN + "'");
    }

    @Test
    void anIngressPathWithADotDotSegmentIsRejected() throws Exception {
        assertThat(rejection("dot-path", SPEC + "ingress: {enabled: true, host: demo.test, path: /api/../admin}"))
                .endsWith(
                        "spec.ingress.path: Invalid value: \"/api/../admin\": spec.ingress.path in body should match '"
                                + IngressSpec.PATH_PATTERN + "'");
    }

    @Test
    void anIngressPathWithAnEmptySegmentIsRejected() throws Exception {
        assertThat(rejection("slash-path", SPEC + "ingress: {enabled: true, host: demo.test, path: /api//v1}"))
                .contains("spec.ingress.path: Invalid value: \"/api//v1\"");
    }

    @Test
    void aQuantityThatIsNotOneIsRejected() throws Exception {
        assertThat(rejection("bad-memory", SPEC + "resources: {requests: {memory: 1 GB}}"))
                .contains("spec.resources.requests.memory: Invalid value: \"1 GB\": "
                        + "spec.resources.requests.memory in body should match");
    }

    @Test
    void aNegativeQuantityIsRejected() throws Exception {
        assertThat(rejection("negative-cpu", SPEC + "resources: {limits: {cpu: '-1'}}"))
                .contains(
                        "spec.resources.limits.cpu: Invalid value: \"-1\": spec.resources.limits.cpu in body should match");
    }

    @Test
    void integerAndSuffixedQuantitiesAreAccepted() throws Exception {
        var created = apiServer
                .client()
                .resource(userCounter(
                        "quantities",
                        SPEC + "resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 1, memory: 1Gi}}"))
                .create();

        assertThat(created.<Object>get("spec", "resources", "limits", "cpu")).isEqualTo(1);
    }

    @Test
    void anExtraEnvVariableTheOperatorSetsIsRejectedByName() throws Exception {
        assertThat(rejection("env-override", SPEC + "podTemplate: {env: [{name: COUNTER_CONSISTENCY, value: strong}]}"))
                .endsWith("spec.podTemplate.env[0]: Invalid value: \"object\": env COUNTER_CONSISTENCY is set by the "
                        + "operator from spec.consistency; podTemplate.env cannot override it");
    }

    @Test
    void aPodLabelTheOperatorSelectsByIsRejected() throws Exception {
        assertThat(rejection("label-override", SPEC + "podTemplate: {labels: {app.kubernetes.io/instance: other}}"))
                .endsWith("spec.podTemplate.labels: Invalid value: \"object\": "
                        + PodTemplateSettings.MANAGED_LABELS_MESSAGE);
    }

    @Test
    void aPodLabelValueKubernetesWouldRefuseIsRejected() throws Exception {
        assertThat(rejection("label-value", SPEC + "podTemplate: {labels: {team: 'pay ments'}}"))
                .contains("spec.podTemplate.labels.team: Invalid value: \"pay ments\"");
    }

    @Test
    void aJvmOptionWithASpaceIsRejectedAsJavaToolOptionsWouldSplitIt() throws Exception {
        assertThat(rejection("jvm-space", SPEC + "podTemplate: {jvmOptions: ['-Dgreeting=hello world']}"))
                .contains("spec.podTemplate.jvmOptions[0]: Invalid value: \"-Dgreeting=hello world\"");
    }

    @Test
    void aSpreadConstraintThatCannotScheduleIsRejected() throws Exception {
        assertThat(rejection(
                        "spread",
                        SPEC + "podTemplate: {topologySpreadConstraints: [{maxSkew: 1, "
                                + "topologyKey: kubernetes.io/hostname, whenUnsatisfiable: Sometimes}]}"))
                .endsWith(PodTemplateSettings.SPREAD_MESSAGE);
    }

    @Test
    void aTolerationWithAnUnknownOperatorIsRejected() throws Exception {
        assertThat(rejection("toleration", SPEC + "podTemplate: {tolerations: [{key: dedicated, operator: In}]}"))
                .endsWith(PodTemplateSettings.TOLERATION_MESSAGE);
    }

    @Test
    void aRootUserIsRejected() throws Exception {
        assertThat(rejection("root", SPEC + "podTemplate: {securityContext: {runAsUser: 0}}"))
                .endsWith(PodTemplateSettings.NON_ROOT_MESSAGE);
    }

    @Test
    void aPriorityClassNameThatIsNoDnsSubdomainIsRejected() throws Exception {
        assertThat(rejection("priority", SPEC + "podTemplate: {priorityClassName: High_Priority}"))
                .contains("spec.podTemplate.priorityClassName: Invalid value: \"High_Priority\"");
    }

    private static String rejection(String name, String spec) throws Exception {
        KubernetesClientException rejected = catchThrowableOfType(
                KubernetesClientException.class,
                () -> apiServer.client().resource(userCounter(name, spec)).create());
        assertThat(rejected).as("the create of %s was accepted", name).isNotNull();
        assertThat(rejected.getCode()).isEqualTo(422);
        return rejected.getStatus().getMessage();
    }

    private static GenericKubernetesResource userCounter(String name, String spec) throws Exception {
        var userCounter = new GenericKubernetesResource();
        userCounter.setApiVersion(UserCounter.GROUP + "/" + UserCounter.VERSION);
        userCounter.setKind("UserCounter");
        userCounter.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        if (spec != null) {
            userCounter.setAdditionalProperty("spec", new ObjectMapper(new YAMLFactory()).readValue(spec, Map.class));
        }
        return userCounter;
    }
}
