package io.usercounter.operator.reconciler;

import io.javaoperatorsdk.operator.OperatorException;

/** Why a UserCounter cannot be ready, as the reason and message of its conditions. */
public record ReconcileProblem(String reason, String message) {

    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    private static final int MAX_MESSAGE = 1024;

    /**
     * An exception's message, cut so that a long API error cannot swell the status. An IllegalArgumentException is
     * a spec the API server should have rejected (the mock API server validates nothing).
     */
    public static ReconcileProblem failed(Exception exception) {
        Throwable cause = unwrapped(exception);
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return new ReconcileProblem(cause instanceof IllegalArgumentException ? INVALID_SPEC : RECONCILE_FAILED,
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
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
