package io.usercounter.app.config;

/** A setting that the app cannot run with; the message names the environment variable. */
public class InvalidSettingException extends IllegalArgumentException {

    private final String variable;

    public InvalidSettingException(String variable, Object value, String reason) {
        super(variable + "='" + value + "' is invalid: " + reason);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
