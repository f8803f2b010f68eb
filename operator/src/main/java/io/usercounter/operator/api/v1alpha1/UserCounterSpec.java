package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** What the user asks for (docs/reference/usercounter.md). */
public class UserCounterSpec {

    /** A Go duration such as {@code 500ms}, {@code 5s}, {@code 1m30s}; the range is checked by CEL. */
    public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    private static final String DEFAULT_REPLICAS = "1";
    private static final String DEFAULT_CONSISTENCY = "Strong";
    private static final String DEFAULT_SYNC_INTERVAL = "30s";
    /** The container's CPU request when spec.resources is absent, applied by the Deployment dependent. */
    public static final String DEFAULT_CPU_REQUEST = "250m";
    /** The container's memory request and limit when spec.resources is absent: the JVM takes 75% as heap. */
    public static final String DEFAULT_MEMORY = "512Mi";

    @JsonPropertyDescription(
            "Number of counter app pods, 0..100; written by the autoscaler while spec.autoscaling is set.")
    // the scale subresource's spec: kubectl scale and a HorizontalPodAutoscaler write it through /scale
    @SpecReplicas
    @Default(DEFAULT_REPLICAS)
    @Min(0)
    @Max(100)
    private Integer replicas = Integer.valueOf(DEFAULT_REPLICAS);

    @JsonPropertyDescription("Counter app image; the operator's default image when absent.")
    @Size(min = 1, max = 512)
    private String image;

    @JsonPropertyDescription("Strong commits every increment to MySQL first; Eventual flushes every syncInterval.")
    @Default(DEFAULT_CONSISTENCY)
    private Consistency consistency = Consistency.valueOf(DEFAULT_CONSISTENCY);

    @JsonPropertyDescription("Flush period in Eventual mode: a duration from 100ms to 24h, such as 5s.")
    @Default(DEFAULT_SYNC_INTERVAL)
    @Size(max = 32)
    @Pattern(DURATION_PATTERN)
    @ValidationRule(
            value = "duration(self) >= duration('100ms') && duration(self) <= duration('24h')",
            message = "syncInterval must be between 100ms and 24h")
    private String syncInterval = DEFAULT_SYNC_INTERVAL;

    @Required
    private RedisSpec redis;

    @Required
    private MysqlSpec mysql;

    private IngressSpec ingress;

    @JsonPropertyDescription("Bearer-token protection of the write endpoints; open when absent.")
    private AuthSpec auth;

    private NetworkPolicySpec networkPolicy;

    @JsonPropertyDescription(
            "A HorizontalPodAutoscaler that sets replicas from CPU use; replicas stay as set when absent.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Scraping by Prometheus: a PodMonitor when the Prometheus Operator is installed.")
    private MonitoringSpec monitoring;

    @JsonPropertyDescription("Placement, identity, metadata, extra env and JVM options of the counter-app pods.")
    private PodTemplateSettings podTemplate;

    @JsonPropertyDescription("Compute resources of the counter-app container; requests of " + DEFAULT_CPU_REQUEST
            + " CPU and " + DEFAULT_MEMORY + " memory and a " + DEFAULT_MEMORY + " memory limit when absent.")
    @SchemaFrom(type = ComputeResourcesSchema.class)
    private ResourceRequirements resources;

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Consistency getConsistency() {
        return consistency;
    }

    public void setConsistency(Consistency consistency) {
        this.consistency = consistency;
    }

    public String getSyncInterval() {
        return syncInterval;
    }

    public void setSyncInterval(String syncInterval) {
        this.syncInterval = syncInterval;
    }

    public RedisSpec getRedis() {
        return redis;
    }

    public void setRedis(RedisSpec redis) {
        this.redis = redis;
    }

    public MysqlSpec getMysql() {
        return mysql;
    }

    public void setMysql(MysqlSpec mysql) {
        this.mysql = mysql;
    }

    public IngressSpec getIngress() {
        return ingress;
    }

    public void setIngress(IngressSpec ingress) {
        this.ingress = ingress;
    }

    public AuthSpec getAuth() {
        return auth;
    }

    public void setAuth(AuthSpec auth) {
        this.auth = auth;
    }

    public NetworkPolicySpec getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
        this.networkPolicy = networkPolicy;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    public PodTemplateSettings getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(PodTemplateSettings podTemplate) {
        this.podTemplate = podTemplate;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    /** True while the user asks for an Ingress. */
    public boolean ingressEnabled() {
        return ingress != null && ingress.getEnabled();
    }

    /** True while a HorizontalPodAutoscaler owns replicas. */
    public boolean autoscalingEnabled() {
        return autoscaling != null;
    }

    /** True while the user asks for a NetworkPolicy. */
    public boolean networkPolicyEnabled() {
        return networkPolicy != null && networkPolicy.getEnabled();
    }

    /** True while the user asks for a PodMonitor. */
    public boolean podMonitorEnabled() {
        return monitoring != null && monitoring.getPodMonitor();
    }
}
