package io.usercounter.e2e.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar e2e.jar up|down|status|apply FILE...|demo FILE}, run from the repository root; the stack
 * lives in {@code .local-stack/} unless LOCAL_STACK_DIR says otherwise.
 */
public final class LocalStackCommand {

    private static final String USAGE = "usage: local-stack up | down | status | apply FILE... | demo FILE";

    private LocalStackCommand() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            fail(USAGE);
        }
        String dir = System.getenv().getOrDefault("LOCAL_STACK_DIR", StackDirectory.DEFAULT);
        LocalStack stack = new LocalStack(Path.of(""), new StackDirectory(Path.of(dir)), true, System.out);
        List<String> files = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "up" -> stack.up();
                case "down" -> stack.down();
                case "status" -> stack.status().forEach(System.out::println);
                case "apply" -> {
                    try (var client = stack.client()) {
                        new ManifestApplier(client)
                                .applyAll(files.stream().map(Path::of).toList())
                                .forEach(o -> System.out.println(o.getKind().toLowerCase() + "/"
                                        + o.getMetadata().getName() + " applied"));
                    }
                }
                case "demo" -> {
                    if (files.size() != 1) {
                        fail(USAGE);
                    }
                    new DemoFlow(stack, System.out).run(Path.of(files.get(0)));
                }
                default -> fail("unknown command '" + args[0] + "'; " + USAGE);
            }
        } catch (RuntimeException e) {
            fail("local-stack: " + args[0] + " failed: " + e.getMessage() + "\n(logs in "
                    + stack.directory().logs() + ")");
        }
        System.exit(0);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
