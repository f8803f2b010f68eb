package io.usercounter.operator;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.usercounter.operator.config.InvalidConfigurationException;
import io.usercounter.operator.config.OperatorConfig;

/** {@code java -jar operator.jar}: reads its environment (operator/README.md), runs until SIGTERM, then stops gracefully. */
public final class UserCounterOperatorMain {

    private UserCounterOperatorMain() {}

    public static void main(String[] args) {
        OperatorConfig config;
        try {
            config = OperatorConfig.fromEnvironment(System.getenv());
        } catch (InvalidConfigurationException e) {
            System.err.println("usercounter-operator: " + e.getMessage());
            System.exit(2);
            return;
        }
        var operator = UserCounterOperator.start(config, new KubernetesClientBuilder().build());
        Runtime.getRuntime().addShutdownHook(new Thread(operator::close, "usercounter-operator-shutdown"));
    }
}
