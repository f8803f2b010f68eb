package io.usercounter.operator.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/**
 * The CRD schema of {@code spec.podTemplate.labels}: label values held to Kubernetes' syntax by a pattern and a
 * length, which keep the API server's cost estimate of the CEL rule small, and the operator's labels refused.
 */
@SchemaCustomizer(
        value = SchemaCustomizer.RawCustomizer.class,
        input = "{\"type\":\"object\",\"maxProperties\":64,"
                + "\"additionalProperties\":{\"type\":\"string\",\"maxLength\":63,"
                + "\"pattern\":\"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$\"},"
                + "\"x-kubernetes-validations\":[{\"rule\":\"!('app.kubernetes.io/name' in self)"
                + " && !('app.kubernetes.io/instance' in self) && !('app.kubernetes.io/managed-by' in self)\","
                + "\"message\":\"" + PodTemplateSettings.MANAGED_LABELS_MESSAGE + "\"}]}")
public final class PodLabelsSchema {

    private PodLabelsSchema() {}
}
