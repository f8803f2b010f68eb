package io.usercounter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that PromQL expressions read, and those that a Prometheus text scrape carries. A subset of PromQL
 * is enough: selectors with label matchers and ranges, functions, aggregations with by/without, binary operators
 * with on/ignoring/group_left, numbers and Grafana's $variables.
 */
final class MetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
    private static final Pattern MATCHERS_AND_RANGES = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier that starts a word, is not a $variable and is not called as a function. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MetricNames() {}

    /** The metrics one PromQL expression selects. */
    static Set<String> inExpression(String promql) {
        String bare = LABEL_LISTS
                .matcher(MATCHERS_AND_RANGES
                        .matcher(STRINGS.matcher(promql).replaceAll(""))
                        .replaceAll(""))
                .replaceAll("");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group().toLowerCase())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    /** Every panel query and label_values() variable of a Grafana dashboard. */
    static Set<String> inDashboard(Path json) throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(json.toFile());
        for (JsonNode expr : dashboard.findValues("expr")) {
            names.addAll(inExpression(expr.asText()));
        }
        for (JsonNode query : dashboard.path("templating").findValues("query")) {
            Matcher labelValues = LABEL_VALUES.matcher(query.asText());
            if (labelValues.find()) {
                names.add(labelValues.group(1));
            }
        }
        return names;
    }

    /** Every alert and recording expression of Prometheus rule groups (a list of {name, rules}). */
    static Set<String> inRuleGroups(Path yaml) throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode expr :
                new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile()).findValues("expr")) {
            names.addAll(inExpression(expr.asText()));
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition (histogram buckets, sums and counts included). */
    static Set<String> inScrape(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
