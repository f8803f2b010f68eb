package io.usercounter.localstack.apiserver.crd;

import java.util.List;

/** Why a custom resource was refused: one error per invalid field, each {@code "field: message"}. */
public record Rejection(String kind, String group, String name, List<String> errors) {

    /** The API server's wording: {@code UserCounter.usercounter.io "demo" is invalid: spec.replicas: ...}. */
    public String message() {
        return kind + "." + group + " \"" + name + "\" is invalid: " + (errors.size() == 1 ? errors.get(0) : errors);
    }
}
