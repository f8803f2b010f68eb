package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.usercounter.e2e.stack.StackDirectory;
import java.nio.file.Path;

/**
 * Runs the supervisor until SIGTERM: {@code SupervisorMain <counter-app jar> <stack directory>}, with the API
 * server taken from KUBECONFIG like any fabric8 client; SUPERVISOR_CONTAINERS=podman runs each replica's image in podman.
 */
public final class SupervisorMain {

    private SupervisorMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: SupervisorMain <counter-app jar> <stack directory>");
            System.exit(2);
        }
        SupervisorSettings settings = new SupervisorSettings(
                Path.of(args[0]),
                new StackDirectory(Path.of(args[1])),
                "podman".equals(System.getenv(SupervisorSettings.CONTAINERS)));
        KubernetesClient client = new KubernetesClientBuilder().build();
        Supervisor supervisor = new Supervisor(client, settings);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            supervisor.close();
                            client.close();
                        },
                        "supervisor-shutdown"));
        supervisor.start();
        System.out.println("supervisor ready: watching Deployments and Services on " + client.getMasterUrl());
        Thread.currentThread().join();
    }
}
