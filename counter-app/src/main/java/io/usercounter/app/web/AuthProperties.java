package io.usercounter.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param authToken COUNTER_AUTH_TOKEN: when set, the bearer token every write under /api/v1 needs
 */
@ConfigurationProperties("counter")
record AuthProperties(String authToken) {

    boolean required() {
        return authToken != null && !authToken.isEmpty();
    }

    /** The token must never reach a log line, even through a debug dump of the settings. */
    @Override
    public String toString() {
        return "AuthProperties[authToken=" + (required() ? "***" : "unset") + "]";
    }
}
