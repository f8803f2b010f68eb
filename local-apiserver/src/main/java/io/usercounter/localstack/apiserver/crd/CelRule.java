package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@code x-kubernetes-validations} rule, evaluated with {@code self} bound to the value at its schema node. */
final class CelRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRule() {}

    /** Whether the rule holds; a rule that does not compile or evaluate counts as failing, with the reason. */
    static Outcome evaluate(String rule, JsonNode self) {
        try {
            Object result = program(rule).eval(Map.of("self", toCel(self)));
            return Boolean.TRUE.equals(result) ? Outcome.HOLDS : new Outcome(false, null);
        } catch (CelEvaluationException | IllegalArgumentException e) {
            return new Outcome(false, "rule cannot be evaluated: " + e.getMessage());
        }
    }

    record Outcome(boolean holds, String error) {
        static final Outcome HOLDS = new Outcome(true, null);
    }

    private static CelRuntime.Program program(String rule) {
        return PROGRAMS.computeIfAbsent(rule, r -> {
            try {
                CelAbstractSyntaxTree ast = COMPILER.compile(r).getAst();
                return RUNTIME.createProgram(ast);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalArgumentException("invalid rule " + r + ": " + e.getMessage(), e);
            }
        });
    }

    /** JSON as CEL values: maps, lists, int64, double, string and bool. */
    private static Object toCel(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        } else if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(toCel(element)));
            return list;
        } else if (value.isIntegralNumber()) {
            return value.asLong();
        } else if (value.isNumber()) {
            return value.asDouble();
        } else if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }
}
