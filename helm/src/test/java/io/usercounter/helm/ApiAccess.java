package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Set;

/**
 * One thing the operator does against the API server: the verbs it uses on one resource, and why.
 *
 * @param source what in the operator needs it (a dependent, an event source, the controller)
 * @param resourceName the one object it is about, or null for any object of the resource
 */
record ApiAccess(String source, String apiGroup, String resource, String resourceName, Set<String> verbs) {

    static ApiAccess of(String source, Class<? extends HasMetadata> type, String subresource, Set<String> verbs) {
        String resource = HasMetadata.getPlural(type) + (subresource.isEmpty() ? "" : "/" + subresource);
        return new ApiAccess(source, HasMetadata.getGroup(type), resource, null, verbs);
    }

    @Override
    public String toString() {
        return source + " -> " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource
                + (resourceName == null ? "" : "/" + resourceName) + " " + verbs;
    }
}
