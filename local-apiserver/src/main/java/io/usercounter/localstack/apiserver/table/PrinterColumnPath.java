package io.usercounter.localstack.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset printer columns use: {@code .a.b}, an index {@code .list[0]} and a filter
 * {@code .conditions[?(@.type=="Ready")].status}; a path that does not resolve gives no value.
 */
public final class PrinterColumnPath {

    private static final Pattern STEP =
            Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\[\\?\\(@\\.([^=!]+)==[\"']([^\"']*)[\"']\\)]");

    private record Step(String field, Integer index, String filterField, String filterValue) {

        JsonNode from(JsonNode node) {
            if (field != null) {
                return node.path(field);
            }
            if (index != null) {
                return node.path(index);
            }
            for (JsonNode element : node) {
                if (element.path(filterField).asText().equals(filterValue)) {
                    return element;
                }
            }
            return node.path(-1);
        }
    }

    private final List<Step> steps;

    private PrinterColumnPath(List<Step> steps) {
        this.steps = steps;
    }

    public static PrinterColumnPath parse(String path) {
        String trimmed = path.trim().replaceFirst("^\\{(.*)}$", "$1");
        Matcher matcher = STEP.matcher(trimmed);
        List<Step> steps = new ArrayList<>();
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            Integer index = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
            steps.add(new Step(matcher.group(1), index, matcher.group(3), matcher.group(4)));
            end = matcher.end();
        }
        if (end != trimmed.length() || steps.isEmpty()) {
            throw new IllegalArgumentException("unsupported printer column JSONPath '" + path + "'");
        }
        return new PrinterColumnPath(steps);
    }

    /** The value at this path, or null when some step is missing. */
    public JsonNode evaluate(JsonNode object) {
        JsonNode node = object;
        for (Step step : steps) {
            node = step.from(node);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
        }
        return node;
    }
}
