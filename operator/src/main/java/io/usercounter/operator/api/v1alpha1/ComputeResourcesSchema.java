package io.usercounter.operator.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/**
 * The CRD schema of {@code spec.resources} (the Java type stays ResourceRequirements), with every quantity held to
 * the syntax the API server parses and to 0 or more, so a quantity the Deployment would refuse is refused on the
 * UserCounter instead. The generator has no annotation for map values of int-or-string, hence the raw schema.
 */
@SchemaCustomizer(
        value = SchemaCustomizer.RawCustomizer.class,
        input = "{\"type\":\"object\",\"properties\":{"
                + "\"claims\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                + "\"name\":{\"type\":\"string\"},\"request\":{\"type\":\"string\"}}}},"
                + "\"limits\":{\"type\":\"object\",\"additionalProperties\":" + ComputeResourcesSchema.QUANTITY + "},"
                + "\"requests\":{\"type\":\"object\",\"additionalProperties\":" + ComputeResourcesSchema.QUANTITY
                + "}}}")
public final class ComputeResourcesSchema {

    /** Kubernetes' resource.Quantity (int-or-string, the pattern controller-gen emits) without the minus sign. */
    static final String QUANTITY = "{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}],"
            + "\"x-kubernetes-int-or-string\":true,\"minimum\":0,"
            + "\"pattern\":\"^\\\\+?(([0-9]+(\\\\.[0-9]*)?)|(\\\\.[0-9]+))"
            + "(([KMGTPE]i)|[numkMGTPE]|([eE](\\\\+|-)?(([0-9]+(\\\\.[0-9]*)?)|(\\\\.[0-9]+))))?$\"}";

    private ComputeResourcesSchema() {}
}
