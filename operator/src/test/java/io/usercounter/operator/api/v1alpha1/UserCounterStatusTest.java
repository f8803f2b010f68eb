package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler patches the status only when it is unequal to the last one, so equality must cover everything. */
class UserCounterStatusTest {

    static final KubernetesSerialization JSON = new KubernetesSerialization();

    static final String FULL_STATUS = """
            {"observedGeneration": 3, "replicas": 2, "readyReplicas": 1, "ready": "1/2", "consistency": "Eventual",
             "syncInterval": "5s", "url": "http://demo.team-a.svc/",
             "conditions": [{"type": "Ready", "status": "False", "reason": "ReplicasNotReady",
                             "message": "1/2 replicas ready", "observedGeneration": 3,
                             "lastTransitionTime": "2026-12-01T08:00:00Z"}]}
            """;

    @Test
    void twoStatusesDifferingInAnySingleComponentAreUnequal() throws Exception {
        assertThat(UserCounterStatus.class.isRecord())
                .as("UserCounterStatus is a record, so its equality covers every component it ever gets")
                .isTrue();
        RecordComponent[] components = UserCounterStatus.class.getRecordComponents();
        var constructor = UserCounterStatus.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        Object[] base =
                Arrays.stream(components).map(component -> sample(component, 0)).toArray();

        for (int i = 0; i < components.length; i++) {
            Object[] changed = base.clone();
            changed[i] = sample(components[i], 1);
            assertThat(constructor.newInstance(changed))
                    .as("differing only in " + components[i].getName())
                    .isNotEqualTo(constructor.newInstance(base));
        }
        assertThat(constructor.newInstance(base.clone())).isEqualTo(constructor.newInstance(base));
    }

    @Test
    void twoStatusesDifferingInAnySingleValueOfTheirJsonAreUnequal() {
        JsonNode full = JSON.unmarshal(FULL_STATUS, JsonNode.class);
        var original = JSON.unmarshal(FULL_STATUS, UserCounterStatus.class);
        assertThat(JSON.unmarshal(JSON.asJson(original), JsonNode.class))
                .as("every value survives the status type")
                .isEqualTo(full);

        for (String path : leaves(full, "")) {
            var changed = full.deepCopy();
            var parent = (ObjectNode) changed.at(path.substring(0, path.lastIndexOf('/')));
            String field = path.substring(path.lastIndexOf('/') + 1);
            parent.set(
                    field,
                    parent.get(field).isNumber()
                            ? JsonNodeFactory.instance.numberNode(99)
                            : JsonNodeFactory.instance.textNode("changed"));
            assertThat(JSON.convertValue(changed, UserCounterStatus.class))
                    .as("differing only at " + path)
                    .isNotEqualTo(original);
        }
    }

    private static List<String> leaves(JsonNode node, String path) {
        var leaves = new ArrayList<String>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> leaves.addAll(leaves(node.get(name), path + "/" + name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves.addAll(leaves(node.get(i), path + "/" + i));
            }
        } else {
            leaves.add(path);
        }
        return leaves;
    }

    private static Object sample(RecordComponent component, int variant) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return "value-" + variant;
        }
        if (type == Long.class) {
            return (long) variant;
        }
        if (type == Integer.class) {
            return variant;
        }
        if (type == List.class) {
            return List.of(new ConditionBuilder()
                    .withType("Ready")
                    .withStatus(variant == 0 ? "True" : "False")
                    .build());
        }
        throw new AssertionError("no sample value for " + component + "; add one");
    }
}
