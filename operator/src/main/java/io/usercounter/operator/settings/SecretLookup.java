package io.usercounter.operator.settings;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The Secrets of one namespace as the operator's cache sees them. */
@FunctionalInterface
public interface SecretLookup {

    Optional<Secret> find(String name);

    /** The value of one key; reads stringData too, which an API server without defaulting keeps as sent. */
    default Optional<String> value(String name, String key) {
        return find(name).flatMap(secret -> {
            if (secret.getData() != null && secret.getData().containsKey(key)) {
                return Optional.of(
                        new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
            }
            return Optional.ofNullable(secret.getStringData()).map(stringData -> stringData.get(key));
        });
    }
}
