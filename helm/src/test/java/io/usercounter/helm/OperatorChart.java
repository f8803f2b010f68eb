package io.usercounter.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The chart in helm/usercounter-operator, linted and rendered by the Helm library that helm-java bundles. */
final class OperatorChart {

    static final Path DIR = Path.of(System.getProperty("chart.dir", "usercounter-operator"));
    static final String RELEASE = "usercounter-operator";
    static final String NAMESPACE = "usercounter-system";

    private OperatorChart() {}

    static LintResult lintStrict() {
        return new Helm(DIR).lint().strict().call();
    }

    /** Renders like `helm template usercounter-operator ./usercounter-operator -n usercounter-system --set k=v ...`. */
    static RenderedChart render(Map<String, Object> values) {
        TemplateCommand template = template();
        values.forEach(template::set);
        return RenderedChart.parse(template.call());
    }

    /** Renders with a values file, for values whose YAML type matters (a string where a number belongs). */
    static RenderedChart renderWithValuesFile(String valuesYaml) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return RenderedChart.parse(template().withValuesFile(file).call());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderedChart renderDefaults() {
        return render(Map.of());
    }

    private static TemplateCommand template() {
        return new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    }
}
