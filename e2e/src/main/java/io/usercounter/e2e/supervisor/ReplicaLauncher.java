package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Container;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.util.Map;

/** Starts one container of a pod: resolves its environment through the API and runs the app on a free port. */
final class ReplicaLauncher {

  private final ContainerEnvironment environment;
  private final AppCommand command;
  private final StackDirectory stack;

  ReplicaLauncher(ContainerEnvironment environment, AppCommand command, StackDirectory stack) {
    this.environment = environment;
    this.command = command;
    this.stack = stack;
  }

  AppProcess launch(String namespace, String podName, Container container) throws UnresolvableEnvironment, IOException {
    Map<String, String> env = environment.resolve(namespace, podName, container);
    return AppProcess.start(command, env, FreePort.pick(), stack.log(namespace + "." + podName),
        stack.replicaPid(namespace, podName));
  }
}
