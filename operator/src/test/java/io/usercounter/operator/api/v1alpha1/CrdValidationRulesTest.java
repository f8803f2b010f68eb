package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates the CEL rules of the generated CRD the way the API server does ({@code self} is the value at the
 * rule's schema node), because the mock API server of the other tests enforces none of them.
 */
class CrdValidationRulesTest {

    static final String INGRESS = "spec.ingress";
    static final String SYNC_INTERVAL = "spec.syncInterval";

    static CrdValidationRules crd;

    @BeforeAll
    static void loadGeneratedCrd() throws Exception {
        crd = CrdValidationRules.load(CommittedCrdTest.GENERATED);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(INGRESS, Map.of("enabled", true, "host", "demo.counters.test"), true),
                Arguments.of(INGRESS, Map.of("enabled", true), false),
                Arguments.of(INGRESS, Map.of("enabled", true, "host", ""), false),
                Arguments.of(INGRESS, Map.of("enabled", false), true),
                Arguments.of(INGRESS, Map.of(), true),
                Arguments.of(SYNC_INTERVAL, "100ms", true),
                Arguments.of(SYNC_INTERVAL, "5s", true),
                Arguments.of(SYNC_INTERVAL, "1m30s", true),
                Arguments.of(SYNC_INTERVAL, "24h", true),
                Arguments.of(SYNC_INTERVAL, "99ms", false),
                Arguments.of(SYNC_INTERVAL, "0s", false),
                Arguments.of(SYNC_INTERVAL, "24h1s", false),
                Arguments.of(SYNC_INTERVAL, "25h", false));
    }

    @ParameterizedTest(name = "{0} = {1} is valid: {2}")
    @MethodSource("cases")
    void ruleAcceptsValidAndRejectsInvalidValues(String path, Object self, boolean valid) throws Exception {
        assertThat(CelRule.holds(crd.at(path).expression(), self)).isEqualTo(valid);
    }

    @Test
    void everyRuleOfTheCrdHasCases() {
        var tested = cases().map(arguments -> (String) arguments.get()[0]).distinct().toList();
        assertThat(crd.rules()).extracting(CrdValidationRules.Rule::path).containsExactlyInAnyOrderElementsOf(tested);
    }

    @Test
    void everyRuleHasAMessageNamingTheField() {
        assertThat(crd.at(INGRESS).message()).isEqualTo("ingress.host is required when ingress.enabled is true");
        assertThat(crd.at(SYNC_INTERVAL).message()).isEqualTo("syncInterval must be between 100ms and 24h");
    }
}
