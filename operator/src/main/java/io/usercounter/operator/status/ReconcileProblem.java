package io.usercounter.operator.status;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.stream.Collectors;

/** Why a UserCounter cannot be ready, as the reason and message of its conditions. */
public record ReconcileProblem(String reason, String message) {

    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    private static final int MAX_MESSAGE = 1024;

    /**
     * An exception's message, cut so that a long API error cannot swell the status. An IllegalArgumentException, in
     * the workflow's dependents too, is a spec the API server should have rejected (the mock validates nothing).
     */
    public static ReconcileProblem failed(Exception exception) {
        Throwable cause = unwrapped(exception);
        String message = cause instanceof AggregatedOperatorException aggregated
                ? aggregated.getAggregatedExceptions().entrySet().stream()
                        .map(failure -> failure.getKey() + ": " + messageOf(unwrapped(failure.getValue())))
                        .collect(Collectors.joining("; "))
                : messageOf(cause);
        boolean invalidSpec = cause instanceof AggregatedOperatorException aggregated
                ? aggregated.getAggregatedExceptions().values().stream()
                        .anyMatch(failure -> unwrapped(failure) instanceof IllegalArgumentException)
                : cause instanceof IllegalArgumentException;
        return new ReconcileProblem(
                invalidSpec ? INVALID_SPEC : RECONCILE_FAILED,
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
    }

    /** The API server's own words for a refused request: the exception's message adds the URL and a stack trace. */
    private static String messageOf(Throwable cause) {
        if (cause instanceof KubernetesClientException client
                && client.getStatus() != null
                && client.getStatus().getMessage() != null) {
            return client.getStatus().getMessage() + " (" + client.getCode() + " "
                    + client.getStatus().getReason() + ")";
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getName();
    }

    /** JOSDK's metrics wrap what the reconciler threw in an OperatorException that says nothing more. */
    private static Throwable unwrapped(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof OperatorException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
