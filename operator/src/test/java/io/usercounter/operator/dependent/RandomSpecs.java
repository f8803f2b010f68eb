package io.usercounter.operator.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** UserCounter specs as a user writes them (JSON, defaults left out at random) that the CRD must accept. */
final class RandomSpecs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A field of an object, or its absence when {@code value} is null. */
    record Field(String name, JsonNode value) {}

    private RandomSpecs() {}

    static Arbitrary<ObjectNode> validSpecs() {
        return object(List.of(
                optional("replicas", Arbitraries.integers().between(0, 100).map(JSON::numberNode)),
                optional(
                        "image",
                        Arbitraries.of("registry.test/counter-app:1", "ghcr.io/usercounter/counter-app:0.2.0")
                                .map(JSON::textNode)),
                optional("consistency", Arbitraries.of("Strong", "Eventual").map(JSON::textNode)),
                optional("syncInterval", durations().map(JSON::textNode)),
                required("redis", Arbitraries.oneOf(standalone(), sentinel(), cluster())),
                required("mysql", mysql()),
                optional("ingress", Arbitraries.oneOf(enabledIngress(), disabledIngress())),
                optional("auth", object(List.of(required("tokenSecretRef", secretKeyRef())))),
                optional(
                        "networkPolicy",
                        object(List.of(
                                optional("enabled", Arbitraries.of(true, false).map(JSON::booleanNode)),
                                optional("ingressNamespace", dnsLabels().map(JSON::textNode)))))));
    }

    /** From 100ms to 24h, in each unit the pattern allows and in a compound form. */
    static Arbitrary<String> durations() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(100, 86_400_000).map(millis -> millis + "ms"),
                Arbitraries.integers().between(1, 86_400).map(seconds -> seconds + "s"),
                Arbitraries.integers().between(1, 1_440).map(minutes -> minutes + "m"),
                Arbitraries.integers().between(1, 24).map(hours -> hours + "h"),
                Combinators.combine(
                                Arbitraries.integers().between(0, 23),
                                Arbitraries.integers().between(1, 59))
                        .as((hours, minutes) -> hours + "h" + minutes + "m"));
    }

    static Arbitrary<ObjectNode> standalone() {
        return object(List.of(
                optional("mode", Arbitraries.just(JSON.textNode("Standalone"))),
                required("host", hosts().map(JSON::textNode)),
                optional("port", ports().map(JSON::numberNode)),
                optional("passwordSecretRef", secretKeyRef())));
    }

    static Arbitrary<ObjectNode> sentinel() {
        return object(List.of(
                required("mode", Arbitraries.just(JSON.textNode("Sentinel"))),
                required("nodes", nodes()),
                required(
                        "sentinel",
                        object(List.of(required(
                                "masterName",
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .withChars('-', '_', '.')
                                        .ofMinLength(1)
                                        .ofMaxLength(20)
                                        .filter(name -> Character.isLetter(name.charAt(0)))
                                        .map(JSON::textNode))))),
                optional("passwordSecretRef", secretKeyRef())));
    }

    static Arbitrary<ObjectNode> cluster() {
        return object(List.of(
                required("mode", Arbitraries.just(JSON.textNode("Cluster"))),
                required("nodes", nodes()),
                optional("passwordSecretRef", secretKeyRef())));
    }

    static Arbitrary<JsonNode> nodes() {
        return Combinators.combine(hosts(), ports())
                .as((host, port) -> host + ":" + port)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(nodes -> {
                    var array = JSON.arrayNode();
                    nodes.forEach(array::add);
                    return array;
                });
    }

    static Arbitrary<ObjectNode> mysql() {
        return object(List.of(
                required("host", hosts().map(JSON::textNode)),
                optional("port", ports().map(JSON::numberNode)),
                required(
                        "database",
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars('_')
                                .ofMinLength(1)
                                .ofMaxLength(64)
                                .map(JSON::textNode)),
                required(
                        "credentialsSecretRef",
                        object(List.of(
                                required("name", dnsLabels().map(JSON::textNode)),
                                optional("usernameKey", keys().map(JSON::textNode)),
                                optional("passwordKey", keys().map(JSON::textNode)))))));
    }

    static Arbitrary<ObjectNode> enabledIngress() {
        return object(List.of(
                required("enabled", Arbitraries.just(JSON.booleanNode(true))),
                // the last label starts with a letter: the Ingress API refuses IP addresses
                required(
                        "host",
                        Combinators.combine(
                                        dnsLabels().list().ofMaxSize(2),
                                        Arbitraries.chars().range('a', 'z'),
                                        dnsLabels())
                                .as((labels, letter, last) -> JSON.textNode(
                                        String.join(".", labels) + (labels.isEmpty() ? "" : ".") + letter + last))),
                optional("className", Arbitraries.of("nginx", "traefik").map(JSON::textNode)),
                optional("path", Arbitraries.of("/", "/counters", "/api/v1").map(JSON::textNode)),
                optional("tlsSecretName", dnsLabels().map(JSON::textNode))));
    }

    static Arbitrary<ObjectNode> disabledIngress() {
        return object(List.of(optional("enabled", Arbitraries.just(JSON.booleanNode(false)))));
    }

    static Arbitrary<ObjectNode> secretKeyRef() {
        return object(List.of(
                required("name", dnsLabels().map(JSON::textNode)), required("key", keys().map(JSON::textNode))));
    }

    /** DNS names (the last label starting with a letter) and IPv4 addresses. */
    static Arbitrary<String> hosts() {
        return Arbitraries.oneOf(
                Combinators.combine(
                                dnsLabels().list().ofMaxSize(2),
                                Arbitraries.chars().range('a', 'z'),
                                dnsLabels())
                        .as((labels, letter, last) ->
                                String.join(".", labels) + (labels.isEmpty() ? "" : ".") + letter + last),
                Arbitraries.integers()
                        .between(0, 255)
                        .list()
                        .ofSize(4)
                        .map(octets -> String.join(
                                ".", octets.stream().map(String::valueOf).toList())));
    }

    static Arbitrary<String> dnsLabels() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(12);
    }

    static Arbitrary<String> keys() {
        return Arbitraries.of("password", "username", "token", "redis.password", "api_token-1");
    }

    static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(1, 65535);
    }

    static Arbitrary<Field> required(String name, Arbitrary<? extends JsonNode> values) {
        return values.map(value -> new Field(name, value));
    }

    /** Absent about a third of the time, as a user leaves out what has a default. */
    static Arbitrary<Field> optional(String name, Arbitrary<? extends JsonNode> values) {
        return values.map(value -> (JsonNode) value).injectNull(0.33).map(value -> new Field(name, value));
    }

    static Arbitrary<ObjectNode> object(List<Arbitrary<Field>> fields) {
        return Combinators.combine(fields).as(values -> {
            var object = JSON.objectNode();
            values.stream()
                    .filter(field -> field.value() != null)
                    .forEach(field -> object.set(field.name(), field.value()));
            return object;
        });
    }
}
