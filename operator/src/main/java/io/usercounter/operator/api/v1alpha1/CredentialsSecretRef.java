package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the UserCounter's namespace holding a username and a password. */
public class CredentialsSecretRef {

    private static final String DEFAULT_USERNAME_KEY = "username";
    private static final String DEFAULT_PASSWORD_KEY = "password";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.NAME_PATTERN)
    private String name;

    @Default(DEFAULT_USERNAME_KEY)
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.KEY_PATTERN)
    private String usernameKey = DEFAULT_USERNAME_KEY;

    @Default(DEFAULT_PASSWORD_KEY)
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.KEY_PATTERN)
    private String passwordKey = DEFAULT_PASSWORD_KEY;

    public CredentialsSecretRef() {}

    public CredentialsSecretRef(String name, String usernameKey, String passwordKey) {
        this.name = name;
        this.usernameKey = usernameKey;
        this.passwordKey = passwordKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUsernameKey() {
        return usernameKey;
    }

    public void setUsernameKey(String usernameKey) {
        this.usernameKey = usernameKey;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}
