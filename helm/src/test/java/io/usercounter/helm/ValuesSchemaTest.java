package io.usercounter.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** values.schema.json turns a mistyped or misspelt value into an install error naming the value. */
class ValuesSchemaTest {

    @Test
    void rejectsReplicasGivenAsAString() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("replicas: \"2\"\n"))
                .hasMessageContaining("at '/replicas': got string, want integer");
    }

    @Test
    void rejectsWatchNamespacesGivenAsOneString() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("watchNamespaces: team-a,team-b\n"))
                .hasMessageContaining("at '/watchNamespaces': got string, want array");
    }

    @Test
    void rejectsAWatchedNamespaceThatIsNotADnsLabel() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("watchNamespaces: [Team_A]\n"))
                .hasMessageContaining(
                        "at '/watchNamespaces/0': 'Team_A' does not match pattern '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'");
    }

    @Test
    void rejectsNegativeReplicas() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("replicas: -1\n"))
                .hasMessageContaining("at '/replicas': minimum: got -1, want 0");
    }

    @Test
    void rejectsLeaderElectionEnabledGivenAsAString() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("leaderElection: {enabled: \"yes\"}\n"))
                .hasMessageContaining("at '/leaderElection/enabled': got string, want boolean");
    }

    @Test
    void rejectsAHealthPortGivenAsAString() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("healthPort: \"8081\"\n"))
                .hasMessageContaining("at '/healthPort': got string, want integer");
    }

    @Test
    void rejectsAnUnknownPullPolicy() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile(
                        "image: {repository: ghcr.io/usercounter/usercounter-operator, pullPolicy: Sometimes}\n"))
                .hasMessageContaining("at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> OperatorChart.renderWithValuesFile("replicaCount: 2\n"))
                .hasMessageContaining("at '': additional properties 'replicaCount' not allowed");
    }

    @Test
    void rejectsAnUnknownKeyInsideImage() {
        assertThatThrownBy(
                        () -> OperatorChart.renderWithValuesFile(
                                "image: {repository: ghcr.io/usercounter/usercounter-operator, pullPolicy: Always, tags: latest}\n"))
                .hasMessageContaining("at '/image': additional properties 'tags' not allowed");
    }
}
