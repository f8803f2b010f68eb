package io.usercounter.app.cache;

/** Redis did not answer within the command timeout, or is disconnected. */
public class CacheUnavailableException extends RuntimeException {

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
