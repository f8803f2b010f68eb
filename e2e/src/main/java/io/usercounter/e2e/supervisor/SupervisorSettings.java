package io.usercounter.e2e.supervisor;

import io.usercounter.e2e.stack.StackDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the supervisor needs: the app jar every container runs and the stack directory it reports into. */
public record SupervisorSettings(Path appJar, StackDirectory stack) {

  public SupervisorSettings {
    if (!Files.isRegularFile(appJar)) {
      throw new IllegalArgumentException("counter-app jar not found: " + appJar + " (build it with mvn -DskipTests package)");
    }
  }
}
