package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.usercounter.operator.api.v1alpha1.PodTemplateSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The operator's defaults for what spec.podTemplate may change: spreading, the pod's user, the JVM's options. */
final class PodPlacement {

    static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";
    /** What the image sets in JAVA_TOOL_OPTIONS, which the operator's variable replaces, so it repeats them. */
    static final String IMAGE_JVM_OPTIONS = "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp";

    private PodPlacement() {}

    /** Unset: the replicas spread over nodes, never blocking scheduling; a constraint without selector gets the pods'. */
    static List<TopologySpreadConstraint> spread(List<TopologySpreadConstraint> fromSpec, Map<String, String> pods) {
        var selector = new LabelSelectorBuilder().withMatchLabels(pods).build();
        if (fromSpec == null) {
            return List.of(new TopologySpreadConstraintBuilder()
                    .withMaxSkew(1)
                    .withTopologyKey(HOSTNAME_TOPOLOGY)
                    .withWhenUnsatisfiable("ScheduleAnyway")
                    .withLabelSelector(selector)
                    .build());
        }
        return fromSpec.stream()
                .map(constraint -> constraint.getLabelSelector() != null
                        ? constraint
                        : new TopologySpreadConstraintBuilder(constraint)
                                .withLabelSelector(selector)
                                .build())
                .toList();
    }

    /**
     * Unset: the image's user 10001, non-root, RuntimeDefault seccomp. Set: as given, non-root and RuntimeDefault
     * unless it says otherwise, so {} leaves the user id to the platform (OpenShift's restricted-v2 assigns one).
     */
    static PodSecurityContext securityContext(PodSecurityContext fromSpec) {
        if (fromSpec == null) {
            return new PodSecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(PodTemplateSettings.APP_USER)
                    .withRunAsGroup(PodTemplateSettings.APP_USER)
                    .withNewSeccompProfile()
                    .withType("RuntimeDefault")
                    .endSeccompProfile()
                    .build();
        }
        var context = new PodSecurityContextBuilder(fromSpec);
        if (fromSpec.getRunAsNonRoot() == null) {
            context.withRunAsNonRoot(true);
        }
        if (fromSpec.getSeccompProfile() == null) {
            context.withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile();
        }
        return context.build();
    }

    /** The heap sized to the container's memory limit, then the spec's options, which win where they repeat one. */
    static String javaToolOptions(List<String> jvmOptions) {
        return Stream.concat(Stream.of(IMAGE_JVM_OPTIONS), jvmOptions == null ? Stream.empty() : jvmOptions.stream())
                .collect(Collectors.joining(" "));
    }
}
