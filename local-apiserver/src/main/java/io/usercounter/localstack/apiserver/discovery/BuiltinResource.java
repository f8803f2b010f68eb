package io.usercounter.localstack.apiserver.discovery;

import java.util.List;

/** A built-in kind the local stack serves, as discovery lists it. */
record BuiltinResource(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames) {

    /** The kinds {@code kubectl get all} lists. */
    private static final List<String> CATEGORY_ALL =
            List.of("pods", "services", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs");

    static final List<BuiltinResource> ALL = List.of(
            core("pods", "pod", "Pod", true, "po"),
            core("services", "service", "Service", true, "svc"),
            core("secrets", "secret", "Secret", true),
            core("configmaps", "configmap", "ConfigMap", true, "cm"),
            core("endpoints", "endpoints", "Endpoints", true, "ep"),
            core("events", "event", "Event", true, "ev"),
            core("serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa"),
            core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, "pvc"),
            core("namespaces", "namespace", "Namespace", false, "ns"),
            core("nodes", "node", "Node", false, "no"),
            of("apps", "deployments", "deployment", "Deployment", true, "deploy"),
            of("apps", "replicasets", "replicaset", "ReplicaSet", true, "rs"),
            of("apps", "statefulsets", "statefulset", "StatefulSet", true, "sts"),
            of("apps", "daemonsets", "daemonset", "DaemonSet", true, "ds"),
            of("batch", "jobs", "job", "Job", true),
            of("batch", "cronjobs", "cronjob", "CronJob", true, "cj"),
            of("networking.k8s.io", "ingresses", "ingress", "Ingress", true, "ing"),
            of("networking.k8s.io", "ingressclasses", "ingressclass", "IngressClass", false),
            of("networking.k8s.io", "networkpolicies", "networkpolicy", "NetworkPolicy", true, "netpol"),
            of("policy", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, "pdb"),
            of("coordination.k8s.io", "leases", "lease", "Lease", true),
            // the same Events as core/v1 on a real API server; here a store of their own (README, known differences)
            of("events.k8s.io", "events", "event", "Event", true, "ev"),
            of("rbac.authorization.k8s.io", "roles", "role", "Role", true),
            of("rbac.authorization.k8s.io", "rolebindings", "rolebinding", "RoleBinding", true),
            of("rbac.authorization.k8s.io", "clusterroles", "clusterrole", "ClusterRole", false),
            of("rbac.authorization.k8s.io", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false),
            of(
                    "apiextensions.k8s.io",
                    "customresourcedefinitions",
                    "customresourcedefinition",
                    "CustomResourceDefinition",
                    false,
                    "crd",
                    "crds"));

    List<String> categories() {
        return CATEGORY_ALL.contains(plural) ? List.of("all") : List.of();
    }

    private static BuiltinResource core(
            String plural, String singular, String kind, boolean namespaced, String... shortNames) {
        return new BuiltinResource("", "v1", plural, singular, kind, namespaced, List.of(shortNames));
    }

    private static BuiltinResource of(
            String group, String plural, String singular, String kind, boolean namespaced, String... shortNames) {
        return new BuiltinResource(group, "v1", plural, singular, kind, namespaced, List.of(shortNames));
    }
}
