package io.usercounter.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import java.util.Optional;

/**
 * {@code usercounter_ready{namespace, name}}: 1 while a UserCounter's Ready condition is True, else 0. Read from the
 * controller's cache at each scrape, so a deleted UserCounter's series ends with it; a NotReady alert needs it, as no
 * app pod can report that it does not exist or does not start.
 */
public class UserCounterReadiness implements Collector {

    public static final String NAME = "usercounter_ready";

    private volatile IndexerResourceCache<UserCounter> userCounters;

    /** The controller's cache of UserCounters, given once its event sources are prepared. */
    public void readFrom(IndexerResourceCache<UserCounter> userCounters) {
        this.userCounters = userCounters;
    }

    @Override
    public MetricSnapshot collect() {
        var gauge =
                GaugeSnapshot.builder().name(NAME).help("1 while the UserCounter's Ready condition is True, else 0");
        var cache = userCounters;
        if (cache != null) {
            cache.list()
                    .forEach(userCounter -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(Labels.of(
                                    "namespace",
                                    userCounter.getMetadata().getNamespace(),
                                    "name",
                                    userCounter.getMetadata().getName()))
                            .value(ready(userCounter) ? 1 : 0)
                            .build()));
        }
        return gauge.build();
    }

    private static boolean ready(UserCounter userCounter) {
        return Optional.ofNullable(userCounter.getStatus())
                .flatMap(status -> status.condition(UserCounterStatus.READY))
                .map(Condition::getStatus)
                .filter("True"::equals)
                .isPresent();
    }
}
