package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * What a platform sets on the counter-app pods: placement, identity, metadata, extra env and JVM options. Typed
 * fields rather than a raw pod template, so that each is validated here and none can undo what the operator
 * manages (labels of the selector, the config-hash annotation, the env the app is configured by).
 */
public class PodTemplateSettings {

    /** A DNS-1123 subdomain, what names of PriorityClasses, ServiceAccounts and Secrets are. */
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    public static final String MANAGED_LABELS_MESSAGE = "podTemplate.labels cannot set app.kubernetes.io/name, "
            + "app.kubernetes.io/instance or app.kubernetes.io/managed-by: the operator selects its pods by them";
    public static final String CONFIG_HASH_MESSAGE =
            "podTemplate.annotations cannot set usercounter.io/config-hash: the operator rolls the pods with it";
    public static final String TOLERATION_MESSAGE = "podTemplate.tolerations: operator is Equal or Exists, effect "
            + "NoSchedule, PreferNoSchedule or NoExecute, and Exists takes no value";
    public static final String SPREAD_MESSAGE = "podTemplate.topologySpreadConstraints: maxSkew at least 1, a "
            + "topologyKey, and whenUnsatisfiable DoNotSchedule or ScheduleAnyway";
    /** The image's numeric user, the pods' unless securityContext is set: runAsNonRoot cannot check a name. */
    public static final long APP_USER = 10001L;

    public static final String NON_ROOT_MESSAGE =
            "podTemplate.securityContext cannot run the app as root: runAsNonRoot must not be false, runAsUser not 0";

    @JsonPropertyDescription("Labels added to the pods; the operator's app.kubernetes.io labels cannot be set.")
    @SchemaFrom(type = PodLabelsSchema.class)
    @Size(max = 64)
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to the pods (usercounter.io/config-hash is the operator's).")
    @Size(max = 64)
    @ValidationRule(value = "!('usercounter.io/config-hash' in self)", message = CONFIG_HASH_MESSAGE)
    private Map<String, String> annotations;

    @JsonPropertyDescription("Node labels a node must have to run the pods, as in a pod spec.")
    @Size(max = 32)
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Node and pod affinity and anti-affinity of the pods, as in a pod spec.")
    private Affinity affinity;

    @JsonPropertyDescription("Taints the pods tolerate, as in a pod spec.")
    @Size(max = 32)
    @ValidationRule(
            value = "self.all(t, (!has(t.operator) || t.operator in ['Equal', 'Exists'])"
                    + " && (!has(t.effect) || t.effect in ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'])"
                    + " && (!has(t.operator) || t.operator != 'Exists' || !has(t.value) || t.value == ''))",
            message = TOLERATION_MESSAGE)
    private List<Toleration> tolerations;

    @JsonPropertyDescription("How the pods spread over topology domains, as in a pod spec; a constraint without "
            + "labelSelector selects the instance's pods. Unset: one constraint, maxSkew 1 over kubernetes.io/hostname, "
            + "ScheduleAnyway; [] for none.")
    @Size(max = 8)
    @ValidationRule(
            value = "self.all(c, c.maxSkew >= 1 && size(c.topologyKey) > 0"
                    + " && c.whenUnsatisfiable in ['DoNotSchedule', 'ScheduleAnyway'])",
            message = SPREAD_MESSAGE)
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PriorityClass of the pods.")
    @Size(max = 253)
    @Pattern(DNS_SUBDOMAIN)
    private String priorityClassName;

    @JsonPropertyDescription("Secrets holding the registry credentials to pull the image.")
    @Size(max = 16)
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("ServiceAccount the pods run as; the namespace's default when absent.")
    @Size(max = 253)
    @Pattern(DNS_SUBDOMAIN)
    private String serviceAccountName;

    @JsonPropertyDescription("Extra environment variables of the app container; those the operator sets are refused.")
    @Size(max = 64)
    private List<ExtraEnvVar> env;

    @JsonPropertyDescription("JVM options, one per entry (such as -XX:+UseZGC), after the operator's "
            + "-XX:MaxRAMPercentage=75 so that they win, in JAVA_TOOL_OPTIONS.")
    @SchemaFrom(type = JvmOptionsSchema.class)
    @Size(max = 32)
    private List<String> jvmOptions;

    @JsonPropertyDescription("Pod security context, replacing the operator's (runAsUser/runAsGroup " + APP_USER + "); "
            + "{} leaves the user to the platform (OpenShift's restricted-v2). runAsNonRoot and the RuntimeDefault "
            + "seccomp profile are kept unless set.")
    @ValidationRule(
            value = "(!has(self.runAsNonRoot) || self.runAsNonRoot) && (!has(self.runAsUser) || self.runAsUser != 0)",
            message = NON_ROOT_MESSAGE)
    private PodSecurityContext securityContext;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> constraints) {
        this.topologySpreadConstraints = constraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public List<ExtraEnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<ExtraEnvVar> env) {
        this.env = env;
    }

    public List<String> getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    public PodSecurityContext getSecurityContext() {
        return securityContext;
    }

    public void setSecurityContext(PodSecurityContext securityContext) {
        this.securityContext = securityContext;
    }
}
