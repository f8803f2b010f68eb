package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret in the UserCounter's namespace. */
public class SecretKeyRef {

    /** A Secret's name: a DNS subdomain. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A key of a Secret's data. */
    public static final String KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(NAME_PATTERN)
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(KEY_PATTERN)
    private String key;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
