package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one container of a pod: resolves its environment through the API and runs it on a free port, either as the
 * counter-app jar in a local JVM or, with containers on, as the template's image in podman.
 */
final class ReplicaLauncher {

    private final ContainerEnvironment environment;
    private final AppCommand command;
    private final StackDirectory stack;
    private final boolean containers;

    ReplicaLauncher(ContainerEnvironment environment, AppCommand command, StackDirectory stack, boolean containers) {
        this.environment = environment;
        this.command = command;
        this.stack = stack;
        this.containers = containers;
    }

    AppProcess launch(String namespace, String podName, PodSpec pod, Container container)
            throws UnresolvableEnvironment, IOException {
        int port = FreePort.pick();
        Map<String, String> env = new LinkedHashMap<>(environment.resolve(namespace, podName, container));
        env.put("SERVER_PORT", Integer.toString(port));
        List<String> argv = command.command();
        Optional<List<String>> forceStop = Optional.empty();
        if (containers) {
            PodmanRun run = new PodmanRun("uc-" + namespace + "." + podName, pod, container);
            argv = run.command(env.keySet());
            forceStop = Optional.of(run.forceRemove());
            // for podman itself; the container gets only the names passed with -e
            env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        return AppProcess.start(
                argv, env, port, stack.log(namespace + "." + podName), stack.replicaPid(namespace, podName), forceStop);
    }
}
