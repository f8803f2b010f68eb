package io.usercounter.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Looks for secret values in texts (process logs, Events, statuses, error bodies): each value as it is and
 * base64-encoded, as a Secret's data would carry it. Findings name the text, the line and which secret, never the
 * value, so that a failing report is not itself a leak.
 */
final class SecretValueScan {

    record Finding(String text, int line, String secret, String form) {

        @Override
        public String toString() {
            return text + ":" + line + " holds the " + secret + " (" + form + ")";
        }
    }

    private final Map<String, String> secretsByName;

    /** {@code secretsByName}: a name for each secret (for the report) and its value. */
    SecretValueScan(Map<String, String> secretsByName) {
        secretsByName.forEach((name, value) -> {
            if (value.length() < 8) {
                // a short value would also match innocent text, and a scan that always fails proves nothing
                throw new IllegalArgumentException("the " + name + " is too short to scan for");
            }
        });
        this.secretsByName = Map.copyOf(secretsByName);
    }

    List<Finding> findings(Map<String, String> textsByName) {
        List<Finding> findings = new ArrayList<>();
        textsByName.forEach((textName, text) -> {
            String[] lines = text.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                for (Map.Entry<String, String> secret : secretsByName.entrySet()) {
                    String value = secret.getValue();
                    if (lines[n].contains(value)) {
                        findings.add(new Finding(textName, n + 1, secret.getKey(), "as it is"));
                    } else if (lines[n].contains(base64(value))) {
                        findings.add(new Finding(textName, n + 1, secret.getKey(), "base64"));
                    }
                }
            }
        });
        return findings;
    }

    /** Its last character also encodes bits of whatever follows the value, so it is left out, with the padding. */
    private static String base64(String value) {
        return Base64.getEncoder()
                .withoutPadding()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8))
                .replaceFirst(".$", "");
    }
}
