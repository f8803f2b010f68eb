package io.usercounter.e2e.supervisor;

import io.usercounter.e2e.stack.StackDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the supervisor needs: the app jar every container runs and the stack directory it reports into; with
 * containers on, each replica runs its template's image in podman instead of the jar.
 */
public record SupervisorSettings(Path appJar, StackDirectory stack, boolean containers) {

    /** The environment variable that turns containers on: SUPERVISOR_CONTAINERS=podman. */
    public static final String CONTAINERS = "SUPERVISOR_CONTAINERS";

    public SupervisorSettings(Path appJar, StackDirectory stack) {
        this(appJar, stack, false);
    }

    public SupervisorSettings {
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalArgumentException(
                    "counter-app jar not found: " + appJar + " (build it with mvn -DskipTests package)");
        }
    }
}
