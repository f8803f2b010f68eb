package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the UserCounter's namespace holding a username and a password. */
public class CredentialsSecretRef {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.NAME_PATTERN)
    private String name;

    @Default("username")
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.KEY_PATTERN)
    private String usernameKey = "username";

    @Default("password")
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.KEY_PATTERN)
    private String passwordKey = "password";

    public CredentialsSecretRef() {
    }

    public CredentialsSecretRef(String name, String usernameKey, String passwordKey) {
        this.name = name;
        this.usernameKey = usernameKey;
        this.passwordKey = passwordKey;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUsernameKey() { return usernameKey; }
    public void setUsernameKey(String usernameKey) { this.usernameKey = usernameKey; }
    public String getPasswordKey() { return passwordKey; }
    public void setPasswordKey(String passwordKey) { this.passwordKey = passwordKey; }
}
