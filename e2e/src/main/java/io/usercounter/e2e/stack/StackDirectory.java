package io.usercounter.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where one local stack keeps its kubeconfig, pid files, logs and published Service ports. */
public record StackDirectory(Path root) {

    public static final String DEFAULT = ".local-stack";

    public StackDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path kubeconfig() {
        return root.resolve("kubeconfig");
    }

    public Path logs() {
        return created(root.resolve("logs"));
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path pidFile(String component) {
        return created(root.resolve("pids")).resolve(component + ".pid");
    }

    /** One file per Service, holding the 127.0.0.1 port its proxy listens on. */
    public Path services() {
        return created(root.resolve("services"));
    }

    public Path servicePort(String namespace, String name) {
        return services().resolve(namespace + "." + name + ".port");
    }

    /** One file per running replica (a pod's container), holding its process id. */
    public Path replicas() {
        return created(root.resolve("replicas"));
    }

    public Path replicaPid(String namespace, String podName) {
        return replicas().resolve(namespace + "." + podName + ".pid");
    }

    /** Writes through a temporary file and a rename, so that a reader never sees a half-written port or pid. */
    public static void publish(Path file, String content) throws IOException {
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
