package io.usercounter.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercounter.operator.config.OperatorConfig;
import io.usercounter.operator.dependent.MonitoringNamespace;
import io.usercounter.operator.health.HealthServer;
import io.usercounter.operator.health.LeaseHeld;
import io.usercounter.operator.metrics.UserCounterReadiness;
import io.usercounter.operator.reconciler.UserCounterReconciler;
import io.usercounter.operator.settings.CounterAppSettingsResolver;
import io.usercounter.operator.status.UserCounterEvents;
import io.usercounter.operator.status.UserCounterStatusAggregator;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running operator: JOSDK with the UserCounter controller, plus the health and metrics endpoint. */
public final class UserCounterOperator implements AutoCloseable {

    public static final String LEASE_NAME = "usercounter-operator";
    private static final Logger log = LoggerFactory.getLogger(UserCounterOperator.class);

    private final Operator operator;
    private final HealthServer healthServer;
    private final AtomicBoolean stopping;

    private UserCounterOperator(Operator operator, HealthServer healthServer, AtomicBoolean stopping) {
        this.operator = operator;
        this.healthServer = healthServer;
        this.stopping = stopping;
    }

    /** Builds and starts the operator; returns once its informers are in sync. */
    public static UserCounterOperator start(OperatorConfig config, KubernetesClient client) {
        log.atInfo()
                .addKeyValue("watchNamespaces", config.watchesAllNamespaces() ? "all" : config.watchNamespaces())
                .addKeyValue("defaultImage", config.defaultImage())
                .addKeyValue("serverSideApply", config.serverSideApply())
                .addKeyValue(
                        "leaderElectionNamespace",
                        config.leaderElectionNamespace().orElse(""))
                .addKeyValue("healthPort", config.healthPort())
                .log("Starting the UserCounter operator");
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        var readiness = new UserCounterReadiness();
        registry.getPrometheusRegistry().register(readiness);

        var stopping = new AtomicBoolean();
        var operator = new Operator(overrider -> configure(overrider, config, client, registry, stopping));
        operator.register(
                new UserCounterReconciler(
                        new CounterAppSettingsResolver(config.defaultImage()),
                        new UserCounterStatusAggregator(Clock.systemUTC()),
                        new MonitoringNamespace(config.monitoringNamespace()),
                        readiness,
                        new UserCounterEvents(
                                client, Clock.systemUTC(), System.getenv().getOrDefault("HOSTNAME", LEASE_NAME))),
                controller -> {
                    if (config.watchesAllNamespaces()) {
                        controller.watchingAllNamespaces();
                    } else {
                        controller.settingNamespaces(config.watchNamespaces());
                    }
                });
        var runtime = operator.getRuntimeInfo();
        BooleanSupplier informersReady = () -> runtime.isStarted() && runtime.allEventSourcesAreHealthy();
        BooleanSupplier ready = config.leaderElectionNamespace()
                .map(namespace -> new LeaseHeld(client, namespace, LEASE_NAME, Clock.systemUTC()))
                .<BooleanSupplier>map(leaseHeld -> () -> informersReady.getAsBoolean() && leaseHeld.getAsBoolean())
                .orElse(informersReady);
        var healthServer = HealthServer.start(config.healthPort(), ready, registry);
        try {
            operator.start();
        } catch (RuntimeException e) {
            healthServer.close();
            throw e;
        }
        log.atInfo().addKeyValue("healthPort", healthServer.port()).log("UserCounter operator started");
        return new UserCounterOperator(operator, healthServer, stopping);
    }

    private static void configure(
            ConfigurationServiceOverrider overrider,
            OperatorConfig config,
            KubernetesClient client,
            PrometheusMeterRegistry registry,
            AtomicBoolean stopping) {
        overrider
                .withKubernetesClient(client)
                .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry)
                        .notCollectingMetricsPerResource()
                        .build())
                // both switches: an API server without server-side apply must see neither dependents nor status applied
                .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
                .withUseSSAToPatchPrimaryResource(config.serverSideApply());
        config.leaderElectionNamespace()
                .ifPresent(namespace -> overrider.withLeaderElectionConfiguration(
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                                .withLeaseNamespace(namespace)
                                // unique per process, as client-go's hostname_uuid: a restarted pod must not inherit
                                // the lease
                                .withIdentity(
                                        System.getenv().getOrDefault("HOSTNAME", LEASE_NAME) + "_" + UUID.randomUUID())
                                .withLeaseDuration(config.leaseDuration())
                                .withRenewDeadline(config.renewDeadline())
                                .withRetryPeriod(config.retryPeriod())
                                // exit when the lease is lost, but not when a graceful stop gives it up
                                .withExitOnStopLeading(false)
                                .withLeaderCallbacks(new LeaderCallbacks(
                                        () -> log.info("Leading"), () -> exitUnlessStopping(stopping), leader -> {}))
                                .build()));
    }

    /** Another replica may already reconcile: carrying on could apply the same objects twice. */
    private static void exitUnlessStopping(AtomicBoolean stopping) {
        if (!stopping.get()) {
            log.error("Lost the lease {}; exiting so that only the leader reconciles", LEASE_NAME);
            System.exit(1);
        }
    }

    public int healthPort() {
        return healthServer.port();
    }

    /** Stops reconciling (letting running reconciliations finish), then the health endpoint. */
    @Override
    public void close() {
        log.info("Stopping the UserCounter operator");
        stopping.set(true);
        operator.stop();
        healthServer.close();
    }
}
