package io.usercounter.operator.settings;

import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.status.ReconcileProblem;
import java.util.Optional;

/**
 * Precondition of the whole workflow: every Secret key the spec references exists. While it does not hold, no
 * Deployment is created that could not start, and the status names the missing Secret or key.
 */
public class ReferencedSecretsExist {

    public Optional<ReconcileProblem> check(UserCounter userCounter, SecretLookup secrets) {
        String namespace = userCounter.getMetadata().getNamespace();
        for (SecretKeyReference reference : SecretKeyReference.allOf(userCounter.getSpec())) {
            if (secrets.find(reference.secretName()).isEmpty()) {
                return Optional.of(new ReconcileProblem(
                        ReconcileProblem.SECRET_NOT_FOUND,
                        "Secret " + reference.secretName() + " (" + reference.field() + ") not found in namespace "
                                + namespace));
            }
            if (secrets.value(reference.secretName(), reference.key()).isEmpty()) {
                return Optional.of(new ReconcileProblem(
                        ReconcileProblem.SECRET_KEY_NOT_FOUND,
                        "Secret " + reference.secretName() + " has no key " + reference.key() + " (" + reference.field()
                                + ")"));
            }
        }
        return Optional.empty();
    }
}
