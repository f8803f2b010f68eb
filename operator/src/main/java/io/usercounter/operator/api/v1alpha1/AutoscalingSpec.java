package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An optional HorizontalPodAutoscaler that scales the UserCounter (its scale subresource) on CPU utilisation. */
// minReplicas has a default, but a rule must not fail with "no such key" where defaulting did not run
@ValidationRule(
        value = "!has(self.minReplicas) || self.maxReplicas >= self.minReplicas",
        message = AutoscalingSpec.MAX_BELOW_MIN_MESSAGE)
public class AutoscalingSpec {

    public static final String MAX_BELOW_MIN_MESSAGE =
            "autoscaling.maxReplicas must be at least autoscaling.minReplicas";

    private static final String DEFAULT_MIN_REPLICAS = "1";
    private static final String DEFAULT_TARGET_CPU_UTILIZATION_PERCENTAGE = "80";

    @JsonPropertyDescription("Fewest pods the autoscaler keeps, 1..100.")
    @Default(DEFAULT_MIN_REPLICAS)
    @Min(1)
    @Max(100)
    private Integer minReplicas = Integer.valueOf(DEFAULT_MIN_REPLICAS);

    // the same ceiling as spec.replicas, which the autoscaler writes through the scale subresource
    @JsonPropertyDescription("Most pods the autoscaler runs, minReplicas..100.")
    @Required
    @Min(1)
    @Max(100)
    private Integer maxReplicas;

    @JsonPropertyDescription("Average CPU use, in percent of the container's CPU request, that the autoscaler aims at.")
    @Default(DEFAULT_TARGET_CPU_UTILIZATION_PERCENTAGE)
    @Min(1)
    @Max(100)
    private Integer targetCPUUtilizationPercentage = Integer.valueOf(DEFAULT_TARGET_CPU_UTILIZATION_PERCENTAGE);

    public AutoscalingSpec() {}

    public AutoscalingSpec(Integer minReplicas, Integer maxReplicas, Integer targetCPUUtilizationPercentage) {
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
    }

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetCPUUtilizationPercentage() {
        return targetCPUUtilizationPercentage;
    }

    public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
        this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
    }
}
