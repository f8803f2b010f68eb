package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/** Expected RBAC rules, written the way the chart's templates write them. */
final class PolicyRules {

    /** What the operator does to the objects it creates and leaves to garbage collection. */
    static final List<String> WRITE = List.of("get", "list", "watch", "create", "update", "patch");
    /** The same, for the objects it also deletes itself. */
    static final List<String> WRITE_AND_DELETE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private PolicyRules() {}

    static PolicyRule rule(String apiGroup, String resource, String... verbs) {
        return rule(apiGroup, List.of(resource), List.of(verbs));
    }

    static PolicyRule rule(String apiGroup, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder()
                .withApiGroups(apiGroup)
                .withResources(resources)
                .withVerbs(verbs)
                .build();
    }
}
