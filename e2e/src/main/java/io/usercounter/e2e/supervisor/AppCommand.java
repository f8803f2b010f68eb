package io.usercounter.e2e.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a container is run here: whatever image the template names, the counter-app jar in a local JVM. */
record AppCommand(Path java, List<String> javaOptions, Path jar) {

    /** Small heap and C1 only: several replicas share two cores with the rest of the stack. */
    static final List<String> LEAN_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    static AppCommand forJar(Path jar) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        return new AppCommand(java, LEAN_JVM, jar);
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
