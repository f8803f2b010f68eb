package io.usercounter.operator.settings;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A namespace's Secrets without an API server. */
final class TestSecrets {

    private TestSecrets() {}

    static SecretLookup of(Secret... secrets) {
        Map<String, Secret> byName = Arrays.stream(secrets)
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), Function.identity()));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
