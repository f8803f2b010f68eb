package io.usercounter.e2e.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `kubectl apply -f` for the stack, without kubectl: creates each object of a YAML file, or updates it. */
public final class ManifestApplier {

    private final KubernetesClient client;

    public ManifestApplier(KubernetesClient client) {
        this.client = client;
    }

    public List<HasMetadata> applyAll(List<Path> files) {
        List<HasMetadata> applied = new ArrayList<>();
        files.forEach(file -> applied.addAll(apply(file)));
        return applied;
    }

    public List<HasMetadata> apply(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<HasMetadata> applied = new ArrayList<>();
            for (HasMetadata item : client.load(in).items()) {
                applied.add(client.resource(item).createOr(NonDeletingOperation::update));
            }
            return applied;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
