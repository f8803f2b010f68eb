package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The rules of a (Cluster)Role, asked the way the API server's RBAC authorizer asks them. */
record GrantedRules(List<PolicyRule> rules) {

    /** A rule limited to resourceNames covers only requests naming one of them, which a create never does. */
    boolean allows(ApiAccess access, String verb) {
        return rules.stream()
                .anyMatch(rule -> rule.getApiGroups().contains(access.apiGroup())
                        && rule.getResources().contains(access.resource())
                        && rule.getVerbs().contains(verb)
                        && (rule.getResourceNames().isEmpty()
                                || !verb.equals("create")
                                        && rule.getResourceNames().contains(access.resourceName())));
    }

    /** The verbs of the access that no rule grants. */
    Set<String> missingVerbs(ApiAccess access) {
        Set<String> missing = new TreeSet<>(access.verbs());
        missing.removeIf(verb -> allows(access, verb));
        return missing;
    }

    /** Every granted (group, resource, verb) that none of the accesses uses. */
    Set<String> unusedGrants(List<ApiAccess> accesses) {
        Set<String> unused = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String apiGroup : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        boolean used = accesses.stream()
                                .anyMatch(access -> access.apiGroup().equals(apiGroup)
                                        && access.resource().equals(resource)
                                        && access.verbs().contains(verb));
                        if (!used) {
                            unused.add((apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + " " + verb);
                        }
                    }
                }
            }
        }
        return unused;
    }
}
