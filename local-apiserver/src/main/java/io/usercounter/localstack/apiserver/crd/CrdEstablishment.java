package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status a real API server gives a CRD it accepted (NamesAccepted and Established true), which clients such as
 * {@code kubectl wait --for condition=established} wait for.
 */
public final class CrdEstablishment {

    private CrdEstablishment() {}

    public static JsonNode established(JsonNode crd, String now) {
        ObjectNode established = crd.deepCopy();
        ObjectNode status = established.putObject("status");
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", now);
        condition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted", now);
        ArrayNode storedVersions = status.putArray("storedVersions");
        crd.path("spec").path("versions").forEach(version -> {
            if (version.path("storage").asBoolean(false)) {
                storedVersions.add(version.path("name").asText());
            }
        });
        return established;
    }

    private static void condition(ArrayNode conditions, String type, String reason, String message, String now) {
        conditions
                .addObject()
                .put("type", type)
                .put("status", "True")
                .put("reason", reason)
                .put("message", message)
                .put("lastTransitionTime", now);
    }
}
