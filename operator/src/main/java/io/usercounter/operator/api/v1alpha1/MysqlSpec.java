package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where the counter app's MySQL database is, and the Secret with its account. */
public class MysqlSpec {

    private static final String DEFAULT_PORT = "3306";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(RedisSpec.HOST_PATTERN)
    private String host;

    @Default(DEFAULT_PORT)
    @Min(1)
    @Max(65535)
    private Integer port = Integer.valueOf(DEFAULT_PORT);

    @Required
    @Pattern("^[A-Za-z0-9_]{1,64}$")
    private String database;

    @Required
    private CredentialsSecretRef credentialsSecretRef;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public CredentialsSecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(CredentialsSecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }
}
