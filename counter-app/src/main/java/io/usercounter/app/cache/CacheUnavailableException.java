package io.usercounter.app.cache;

/**
 * Redis did not answer within the command timeout, or is disconnected. A caller that must account for
 * the command (refused, or unknown) asks {@link #mayHaveRun()}: only a command that never left the app
 * is known not to have run.
 */
public class CacheUnavailableException extends RuntimeException {

    private final boolean mayHaveRun;

    /** The command may have run: it was sent, or may have been, and no answer came (a timeout, say). */
    public CacheUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private CacheUnavailableException(String message, Throwable cause, boolean mayHaveRun) {
        super(message, cause);
        this.mayHaveRun = mayHaveRun;
    }

    /** The command never reached Redis (no connection to send it on), so it did not run. */
    public static CacheUnavailableException notRun(String message, Throwable cause) {
        return new CacheUnavailableException(message, cause, false);
    }

    /** False only when the failed command is known never to have reached Redis. */
    public boolean mayHaveRun() {
        return mayHaveRun;
    }
}
