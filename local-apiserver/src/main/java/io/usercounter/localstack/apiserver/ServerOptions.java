package io.usercounter.localstack.apiserver;

import java.nio.file.Path;

/** Command-line options: {@code --port N} (0 picks a free port) and {@code --kubeconfig PATH}. */
public record ServerOptions(int port, Path kubeconfig) {

    static final Path DEFAULT_KUBECONFIG = Path.of(".local-stack", "kubeconfig");

    public static ServerOptions parse(String... args) {
        int port = 0;
        Path kubeconfig = DEFAULT_KUBECONFIG;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.equals("--port") && !flag.equals("--kubeconfig")) {
                throw new IllegalArgumentException(
                        "unknown option '" + flag + "' (expected --port N and --kubeconfig PATH)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = args[++i];
            if (flag.equals("--port")) {
                port = parsePort(value);
            } else {
                kubeconfig = Path.of(value);
            }
        }
        return new ServerOptions(port, kubeconfig);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + value + "'");
    }
}
