package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValueScanTest {

    private static final String PASSWORD = "e2e-mysql-pw-0123456789abcdef";
    private final SecretValueScan scan =
            new SecretValueScan(Map.of("MySQL password", PASSWORD, "API token", "tok-fedcba9876543210"));

    @Test
    void aPasswordInALogLineIsFoundWithItsFileAndLine() {
        String log =
                "12:00:01 INFO started\n12:00:02 WARN connecting with SPRING_DATASOURCE_PASSWORD=" + PASSWORD + "\n";

        List<SecretValueScan.Finding> findings = scan.findings(Map.of("operator.log", log));

        assertThat(findings)
                .extracting(Object::toString)
                .containsExactly("operator.log:2 holds the MySQL password (as it is)");
    }

    @Test
    void aBase64EncodedPasswordIsFoundAloneAndAtTheStartOfLongerEncodedData() {
        String alone = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        String atStart = Base64.getEncoder().encodeToString((PASSWORD + "\nuser=app").getBytes(StandardCharsets.UTF_8));

        List<SecretValueScan.Finding> findings = scan.findings(Map.of(
                "event", "{\"data\":{\"password\":\"" + alone + "\"}}", "status", "{\"message\":\"" + atStart + "\"}"));

        assertThat(findings)
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "event:1 holds the MySQL password (base64)", "status:1 holds the MySQL password (base64)");
    }

    @Test
    void textsWithoutAnySecretValueHaveNoFindings() {
        String log =
                "GET /api/v1/users 200\nSecret api-token key token resolved (value not shown)\npassword=<redacted>\n";

        assertThat(scan.findings(Map.of("replica.log", log, "status", "{\"ready\":true}")))
                .isEmpty();
    }

    @Test
    void theFindingNamesTheSecretWithoutPrintingItsValue() {
        List<SecretValueScan.Finding> findings =
                scan.findings(Map.of("supervisor.log", "token tok-fedcba9876543210 sent"));

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).toString())
                .isEqualTo("supervisor.log:1 holds the API token (as it is)")
                .doesNotContain("tok-fedcba9876543210");
    }

    @Test
    void aValueTooShortToBeDistinctiveIsRefused() {
        assertThatThrownBy(() -> new SecretValueScan(Map.of("MySQL password", "secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MySQL password");
    }
}
