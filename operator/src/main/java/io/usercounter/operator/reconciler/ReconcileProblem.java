package io.usercounter.operator.reconciler;

/** Why a UserCounter cannot be ready, as the reason and message of its conditions. */
public record ReconcileProblem(String reason, String message) {

    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    private static final int MAX_MESSAGE = 1024;

    /** An exception's message, cut so that a long API error cannot swell the status. */
    public static ReconcileProblem failed(Exception exception) {
        String message = exception.getMessage() != null ? exception.getMessage() : exception.getClass().getName();
        return new ReconcileProblem(RECONCILE_FAILED,
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
    }
}
