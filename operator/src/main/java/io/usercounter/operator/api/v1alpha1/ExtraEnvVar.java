package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.List;

/**
 * An extra environment variable of the counter-app container. A rule per variable the operator sets refuses it by
 * name: a container's env would win over the operator's envFrom, and over its own env further down the list.
 */
@ValidationRule(
        value = "self.name != 'SPRING_DATASOURCE_URL'",
        message =
                "env SPRING_DATASOURCE_URL is set by the operator from spec.mysql; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'SPRING_DATASOURCE_USERNAME'",
        message =
                "env SPRING_DATASOURCE_USERNAME is set by the operator from spec.mysql.credentialsSecretRef; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'SPRING_DATASOURCE_PASSWORD'",
        message =
                "env SPRING_DATASOURCE_PASSWORD is set by the operator from spec.mysql.credentialsSecretRef; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_REDIS_MODE'",
        message =
                "env COUNTER_REDIS_MODE is set by the operator from spec.redis.mode; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_REDIS_URL'",
        message = "env COUNTER_REDIS_URL is set by the operator from spec.redis; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_AUTH_TOKEN'",
        message = "env COUNTER_AUTH_TOKEN is set by the operator from spec.auth; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_CONSISTENCY'",
        message =
                "env COUNTER_CONSISTENCY is set by the operator from spec.consistency; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_SYNC_INTERVAL'",
        message =
                "env COUNTER_SYNC_INTERVAL is set by the operator from spec.syncInterval; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'COUNTER_KEY_PREFIX'",
        message =
                "env COUNTER_KEY_PREFIX is set by the operator from the UserCounter's namespace and name; podTemplate.env cannot override it")
@ValidationRule(
        value = "self.name != 'JAVA_TOOL_OPTIONS'",
        message =
                "env JAVA_TOOL_OPTIONS is set by the operator from spec.podTemplate.jvmOptions; podTemplate.env cannot override it")
@ValidationRule(
        value = "!(has(self.value) && has(self.valueFrom))",
        message = "podTemplate.env: set value or valueFrom, not both")
public class ExtraEnvVar {

    /** What the rules above refuse; ExtraEnvVarTest keeps it equal to what the Deployment sets. */
    public static final List<String> MANAGED = List.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "COUNTER_REDIS_MODE",
            "COUNTER_REDIS_URL",
            "COUNTER_AUTH_TOKEN",
            "COUNTER_CONSISTENCY",
            "COUNTER_SYNC_INTERVAL",
            "COUNTER_KEY_PREFIX",
            "JAVA_TOOL_OPTIONS");

    @JsonPropertyDescription("Variable name: letters, digits, '_', '-' and '.', not starting with a digit.")
    @Required
    @Size(min = 1, max = 128)
    @Pattern("^[-._a-zA-Z][-._a-zA-Z0-9]*$")
    private String name;

    @JsonPropertyDescription("Its value.")
    @Size(max = 4096)
    private String value;

    @JsonPropertyDescription(
            "Its value read from a Secret, a ConfigMap, a field of the pod or a resource of the container, as in a pod spec.")
    private EnvVarSource valueFrom;

    public ExtraEnvVar() {}

    public ExtraEnvVar(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public EnvVarSource getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(EnvVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }
}
