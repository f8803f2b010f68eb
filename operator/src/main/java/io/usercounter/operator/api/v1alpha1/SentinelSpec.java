package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The Sentinel side of {@code redis.mode: Sentinel}. */
public class SentinelSpec {

    @JsonPropertyDescription("Name of the master the Sentinels monitor (sentinel monitor <masterName> ...).")
    @Required
    @Size(min = 1, max = 128)
    @Pattern("^[-._A-Za-z0-9]+$")
    private String masterName;

    public SentinelSpec() {}

    public SentinelSpec(String masterName) {
        this.masterName = masterName;
    }

    public String getMasterName() {
        return masterName;
    }

    public void setMasterName(String masterName) {
        this.masterName = masterName;
    }
}
