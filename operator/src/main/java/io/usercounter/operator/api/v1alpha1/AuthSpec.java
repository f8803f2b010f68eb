package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Bearer-token protection of the counter app's write endpoints. */
public class AuthSpec {

    @JsonPropertyDescription("Secret key holding the token that writes must send as 'Authorization: Bearer <token>'.")
    @Required
    private SecretKeyRef tokenSecretRef;

    public AuthSpec() {}

    public AuthSpec(SecretKeyRef tokenSecretRef) {
        this.tokenSecretRef = tokenSecretRef;
    }

    public SecretKeyRef getTokenSecretRef() {
        return tokenSecretRef;
    }

    public void setTokenSecretRef(SecretKeyRef tokenSecretRef) {
        this.tokenSecretRef = tokenSecretRef;
    }
}
