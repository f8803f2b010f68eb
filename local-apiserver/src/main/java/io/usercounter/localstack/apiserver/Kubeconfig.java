package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The kubeconfig that points kubectl, the operator and the e2e suite at the local API server. */
public final class Kubeconfig {

    static final String NAME = "local-stack";

    private Kubeconfig() {}

    public static Config forServer(String serverUrl) {
        return new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .addNewCluster()
                .withName(NAME)
                .withNewCluster()
                .withServer(serverUrl)
                .endCluster()
                .endCluster()
                .addNewUser()
                .withName(NAME)
                .withNewUser()
                .endUser()
                .endUser()
                .addNewContext()
                .withName(NAME)
                .withNewContext()
                .withCluster(NAME)
                .withUser(NAME)
                .withNamespace("default")
                .endContext()
                .endContext()
                .withCurrentContext(NAME)
                .build();
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a kubeconfig. */
    public static void write(String serverUrl, Path target) {
        try {
            Path absolute = target.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), "kubeconfig", ".tmp");
            Files.writeString(temporary, Serialization.asYaml(forServer(serverUrl)), StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + target + ": " + e.getMessage(), e);
        }
    }
}
