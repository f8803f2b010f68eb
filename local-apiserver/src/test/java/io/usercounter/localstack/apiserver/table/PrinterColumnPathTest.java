package io.usercounter.localstack.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class PrinterColumnPathTest {

    private static final JsonNode OBJECT = Serialization.unmarshal(
            "{\"spec\":{\"consistency\":\"Eventual\"},"
                    + "\"status\":{\"conditions\":[{\"type\":\"Progressing\",\"status\":\"False\"},"
                    + "{\"type\":\"Ready\",\"status\":\"True\"}]}}",
            JsonNode.class);

    @Test
    void followsDottedFields() {
        assertThat(PrinterColumnPath.parse(".spec.consistency").evaluate(OBJECT).asText())
                .isEqualTo("Eventual");
    }

    @Test
    void followsAnIndex() {
        assertThat(PrinterColumnPath.parse(".status.conditions[1].type")
                        .evaluate(OBJECT)
                        .asText())
                .isEqualTo("Ready");
    }

    @Test
    void followsAnEqualityFilter() {
        assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type==\"Ready\")].status")
                        .evaluate(OBJECT)
                        .asText())
                .isEqualTo("True");
    }

    @Test
    void givesNoValueForAMissingField() {
        assertThat(PrinterColumnPath.parse(".status.url").evaluate(OBJECT)).isNull();
    }

    @Test
    void givesNoValueWhenNoElementMatchesTheFilter() {
        assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type==\"Degraded\")].status")
                        .evaluate(OBJECT))
                .isNull();
    }

    @Test
    void rejectsAnExpressionItCannotEvaluate() {
        assertThatThrownBy(() -> PrinterColumnPath.parse(".items[*].name"))
                .hasMessage("unsupported printer column JSONPath '.items[*].name'");
    }
}
