package io.usercounter.localstack.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsToAFreePortAndTheLocalStackKubeconfig() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions(0, Path.of(".local-stack/kubeconfig")));
    }

    @Test
    void readsPortAndKubeconfigFlags() {
        assertThat(ServerOptions.parse("--port", "6443", "--kubeconfig", "/tmp/k"))
                .isEqualTo(new ServerOptions(6443, Path.of("/tmp/k")));
    }

    @Test
    void rejectsAPortThatIsNotANumberNamingTheValue() {
        assertThatThrownBy(() -> ServerOptions.parse("--port", "http"))
                .hasMessage("--port must be a number from 0 to 65535, got 'http'");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> ServerOptions.parse("--host", "0.0.0.0"))
                .hasMessage("unknown option '--host' (expected --port N and --kubeconfig PATH)");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> ServerOptions.parse("--kubeconfig")).hasMessage("option --kubeconfig needs a value");
    }
}
