package io.usercounter.localstack.apiserver.store;

import java.util.Optional;

/** Whether a custom resource has a status subresource; empty for a kind no CRD defines (a built-in kind). */
@FunctionalInterface
public interface StatusSubresources {

    Optional<Boolean> ofCustomResource(String group, String version, String plural);
}
