package io.usercounter.e2e.supervisor;

/** A container cannot start because a variable it declares cannot be resolved (the kubelet's CreateContainerConfigError). */
final class UnresolvableEnvironment extends Exception {

    UnresolvableEnvironment(String message) {
        super(message);
    }
}
