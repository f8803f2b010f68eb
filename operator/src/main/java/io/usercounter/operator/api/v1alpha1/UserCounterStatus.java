package io.usercounter.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed (docs/reference/usercounter.md). */
public class UserCounterStatus {

    private Long observedGeneration;
    private Integer replicas;
    private Integer readyReplicas;
    /** {@code readyReplicas/replicas}, for the Ready printer column. */
    private String ready;
    private String consistency;
    private String syncInterval;
    private String url;
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public String getReady() { return ready; }
    public void setReady(String ready) { this.ready = ready; }
    public String getConsistency() { return consistency; }
    public void setConsistency(String consistency) { this.consistency = consistency; }
    public String getSyncInterval() { return syncInterval; }
    public void setSyncInterval(String syncInterval) { this.syncInterval = syncInterval; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }

    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserCounterStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(replicas, s.replicas) && Objects.equals(readyReplicas, s.readyReplicas)
                && Objects.equals(ready, s.ready) && Objects.equals(consistency, s.consistency)
                && Objects.equals(syncInterval, s.syncInterval) && Objects.equals(url, s.url)
                && Objects.equals(conditions, s.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, replicas, readyReplicas, ready, consistency, syncInterval, url,
                conditions);
    }
}
