package io.usercounter.operator.api.v1alpha1;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One x-kubernetes-validations expression, evaluated as the API server does, with {@code self} bound. */
public final class CelRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();
    /** Compiling dominates the cost of a check, and the random-spec properties run thousands of them. */
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRule() {}

    private static CelRuntime.Program program(String expression) throws Exception {
        var program = PROGRAMS.get(expression);
        if (program == null) {
            program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
            PROGRAMS.put(expression, program);
        }
        return program;
    }

    /** {@code self} is the value at the rule's schema node: Maps, Lists, Longs, Booleans and Strings. */
    public static boolean holds(String expression, Object self) {
        try {
            return Boolean.TRUE.equals(program(expression).eval(Map.of("self", self)));
        } catch (Exception e) {
            throw new AssertionError("CEL rule " + expression + " failed to evaluate on " + self, e);
        }
    }
}
