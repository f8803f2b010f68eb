package io.usercounter.e2e.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The jars the local stack runs, as `mvn -DskipTests package` leaves them in the repository. */
public record StackJars(Path apiServer, Path operator, Path counterApp, Path e2e) {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    public static StackJars in(Path repository) {
        return new StackJars(
                jar(repository, "local-apiserver"),
                jar(repository, "operator"),
                jar(repository, "counter-app"),
                jar(repository, "e2e"));
    }

    private static Path jar(Path repository, String module) {
        return repository
                .resolve(module)
                .resolve("target")
                .resolve(module + "-" + VERSION + ".jar")
                .toAbsolutePath()
                .normalize();
    }

    /** Fails with the one command that fixes it when a jar has not been built. */
    public StackJars requireBuilt() {
        List<Path> missing = List.of(apiServer, operator, counterApp, e2e).stream()
                .filter(p -> !Files.isRegularFile(p))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: " + missing + "; run `mvn -B -DskipTests package` first");
        }
        return this;
    }
}
