package io.usercounter.app.config;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/** Turns a bad setting into one line that names the environment variable, instead of a stack trace. */
public class InvalidSettingFailureAnalyzer implements FailureAnalyzer, Ordered {

    static final String ACTION = "Correct that environment variable and start the app again.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        InvalidSettingException invalid = find(failure, InvalidSettingException.class);
        if (invalid != null) {
            return new FailureAnalysis(invalid.getMessage(), ACTION, failure);
        }
        BindException bind = find(failure, BindException.class);
        if (bind != null && bind.getProperty() != null) {
            String variable = environmentName(bind.getProperty().getName().toString());
            Object value =
                    variable.contains("PASSWORD") ? "***" : bind.getProperty().getValue();
            String description = variable + "='" + value + "' is invalid: " + rootMessage(bind);
            return new FailureAnalysis(description, ACTION, failure);
        }
        return null;
    }

    /** counter.sync-interval is set by COUNTER_SYNC_INTERVAL (Spring's relaxed binding, in reverse). */
    static String environmentName(String propertyName) {
        return propertyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("");
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
