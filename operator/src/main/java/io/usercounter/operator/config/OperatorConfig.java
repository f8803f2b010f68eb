package io.usercounter.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, read from the environment (operator/README.md, Configuration).
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param defaultImage the counter-app image of a UserCounter that names none
 * @param serverSideApply false only against an API server without server-side apply
 * @param leaderElectionNamespace where the leader Lease lives; empty turns leader election off
 * @param healthPort port of /healthz, /readyz and /metrics; 0 picks a free one
 * @param leaseDuration how long a leader's Lease lasts unrenewed; the renew deadline and retry period follow it
 * @param monitoringNamespace the namespace whose pods every UserCounter's NetworkPolicy admits (Prometheus); empty
 *                            admits none
 */
public record OperatorConfig(
        Set<String> watchNamespaces,
        String defaultImage,
        boolean serverSideApply,
        Optional<String> leaderElectionNamespace,
        int healthPort,
        Duration leaseDuration,
        Optional<String> monitoringNamespace) {

    public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
    public static final String COUNTER_APP_IMAGE = "COUNTER_APP_IMAGE";
    public static final String OPERATOR_SERVER_SIDE_APPLY = "OPERATOR_SERVER_SIDE_APPLY";
    public static final String OPERATOR_LEADER_ELECTION_NAMESPACE = "OPERATOR_LEADER_ELECTION_NAMESPACE";
    public static final String OPERATOR_HEALTH_PORT = "OPERATOR_HEALTH_PORT";
    public static final String OPERATOR_LEADER_ELECTION_LEASE_SECONDS = "OPERATOR_LEADER_ELECTION_LEASE_SECONDS";
    public static final String OPERATOR_MONITORING_NAMESPACE = "OPERATOR_MONITORING_NAMESPACE";

    /** The image of this release's counter app. */
    public static final String DEFAULT_COUNTER_APP_IMAGE = "ghcr.io/usercounter/counter-app:0.1.0";

    public static final int DEFAULT_HEALTH_PORT = 8081;
    /** client-go's and JOSDK's default. */
    public static final int DEFAULT_LEASE_SECONDS = 15;

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern IMAGE = Pattern.compile("[^\\s]+");

    public OperatorConfig {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    /** Two thirds of the lease, as client-go's and JOSDK's defaults (10s of 15s). */
    public Duration renewDeadline() {
        return leaseDuration.multipliedBy(2).dividedBy(3);
    }

    /** Two fifteenths of the lease, as the defaults (2s of 15s). */
    public Duration retryPeriod() {
        return leaseDuration.multipliedBy(2).dividedBy(15);
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }

    public static OperatorConfig fromEnvironment(Map<String, String> env) {
        return new OperatorConfig(
                namespaces(env.getOrDefault(WATCH_NAMESPACES, "")),
                image(env.getOrDefault(COUNTER_APP_IMAGE, "")),
                bool(OPERATOR_SERVER_SIDE_APPLY, env.getOrDefault(OPERATOR_SERVER_SIDE_APPLY, "")),
                leaderElectionNamespace(env.getOrDefault(OPERATOR_LEADER_ELECTION_NAMESPACE, "")),
                port(env.getOrDefault(OPERATOR_HEALTH_PORT, "")),
                leaseDuration(env.getOrDefault(OPERATOR_LEADER_ELECTION_LEASE_SECONDS, "")),
                optionalNamespace(
                        OPERATOR_MONITORING_NAMESPACE,
                        env.getOrDefault(OPERATOR_MONITORING_NAMESPACE, ""),
                        "a namespace name, or empty to admit no monitoring namespace"));
    }

    private static Set<String> namespaces(String value) {
        var namespaces = new LinkedHashSet<String>();
        for (String namespace : Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()) {
            if (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
                throw new InvalidConfigurationException(
                        WATCH_NAMESPACES,
                        value,
                        "comma-separated namespace names (" + namespace + " is not one), or empty for all");
            }
            namespaces.add(namespace);
        }
        return namespaces;
    }

    private static String image(String value) {
        if (value.isBlank()) {
            return DEFAULT_COUNTER_APP_IMAGE;
        }
        if (!IMAGE.matcher(value.trim()).matches()) {
            throw new InvalidConfigurationException(COUNTER_APP_IMAGE, value, "an image reference without spaces");
        }
        return value.trim();
    }

    private static boolean bool(String variable, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(variable, value, "true or false");
        };
    }

    private static Optional<String> leaderElectionNamespace(String value) {
        return optionalNamespace(
                OPERATOR_LEADER_ELECTION_NAMESPACE, value, "a namespace name, or empty to run without leader election");
    }

    private static Optional<String> optionalNamespace(String variable, String value, String expected) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        if (value.trim().length() > 63 || !NAMESPACE.matcher(value.trim()).matches()) {
            throw new InvalidConfigurationException(variable, value, expected);
        }
        return Optional.of(value.trim());
    }

    private static int port(String value) {
        if (value.isBlank()) {
            return DEFAULT_HEALTH_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new InvalidConfigurationException(OPERATOR_HEALTH_PORT, value, "a port number from 0 to 65535");
    }

    private static Duration leaseDuration(String value) {
        if (value.isBlank()) {
            return Duration.ofSeconds(DEFAULT_LEASE_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 2 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new InvalidConfigurationException(
                OPERATOR_LEADER_ELECTION_LEASE_SECONDS, value, "whole seconds from 2 to 3600");
    }
}
