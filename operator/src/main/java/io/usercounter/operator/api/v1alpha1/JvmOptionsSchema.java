package io.usercounter.operator.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** The CRD schema of {@code spec.podTemplate.jvmOptions}: each entry one option, as JAVA_TOOL_OPTIONS splits them. */
@SchemaCustomizer(
        value = SchemaCustomizer.RawCustomizer.class,
        input = "{\"type\":\"array\",\"maxItems\":32,"
                + "\"items\":{\"type\":\"string\",\"maxLength\":256,\"pattern\":\"^-\\\\S+$\"}}")
public final class JvmOptionsSchema {

    private JvmOptionsSchema() {}
}
