package io.usercounter.operator.dependent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;

/** One way to get a spec wrong, and the violation the CRD's schema or CEL rules must report for it. */
record SpecDefect(String name, String violation, Consumer<ObjectNode> breaks) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<SpecDefect> ALL = List.of(
            new SpecDefect("negative replicas", "spec.replicas is below 0", spec -> spec.put("replicas", -1)),
            new SpecDefect("too many replicas", "spec.replicas is above 100", spec -> spec.put("replicas", 101)),
            new SpecDefect("replicas as text", "spec.replicas must be an integer", spec -> spec.put("replicas", "2")),
            new SpecDefect(
                    "unknown consistency", "spec.consistency must be one of", spec -> spec.put("consistency", "Weak")),
            new SpecDefect(
                    "syncInterval below 100ms",
                    "syncInterval must be between 100ms and 24h",
                    spec -> spec.put("syncInterval", "99ms")),
            new SpecDefect(
                    "syncInterval above 24h",
                    "syncInterval must be between 100ms and 24h",
                    spec -> spec.put("syncInterval", "24h1s")),
            new SpecDefect(
                    "syncInterval in words",
                    "spec.syncInterval must match",
                    spec -> spec.put("syncInterval", "5 seconds")),
            new SpecDefect("no redis", "spec.redis is required", spec -> spec.remove("redis")),
            new SpecDefect("no mysql", "spec.mysql is required", spec -> spec.remove("mysql")),
            new SpecDefect(
                    "unknown redis mode",
                    "spec.redis.mode must be one of",
                    spec -> redis(spec).put("mode", "Replicated")),
            new SpecDefect(
                    "host ending in a numeric label",
                    "spec.mysql.host must match",
                    spec -> mysql(spec).put("host", "mysql.0")),
            new SpecDefect(
                    "IPv4 octet above 255",
                    "spec.redis.host must match",
                    spec -> standalone(spec).put("host", "10.0.0.256")),
            new SpecDefect(
                    "redis port 0",
                    "spec.redis.port is below 1",
                    spec -> standalone(spec).put("port", 0)),
            new SpecDefect(
                    "redis port 65536",
                    "spec.redis.port is above 65535",
                    spec -> standalone(spec).put("port", 65536)),
            new SpecDefect(
                    "standalone without host",
                    "redis.host is required when redis.mode is Standalone",
                    spec -> standalone(spec).remove("host")),
            new SpecDefect(
                    "sentinel without masterName",
                    "redis.sentinel.masterName is required when redis.mode is Sentinel",
                    spec -> sentinel(spec).remove("sentinel")),
            new SpecDefect(
                    "cluster without nodes",
                    "redis.nodes must list at least one host:port",
                    spec -> redis(spec).put("mode", "Cluster").remove(List.of("host", "sentinel", "nodes"))),
            new SpecDefect(
                    "node without port",
                    "spec.redis.nodes[0] must match",
                    spec -> sentinel(spec).putArray("nodes").add("sentinel-0.infra")),
            new SpecDefect(
                    "node port out of range",
                    "spec.redis.nodes[0] must match",
                    spec -> sentinel(spec).putArray("nodes").add("sentinel-0.infra:70000")),
            new SpecDefect(
                    "bad database name",
                    "spec.mysql.database must match",
                    spec -> mysql(spec).put("database", "counters-demo!")),
            new SpecDefect(
                    "no credentials",
                    "spec.mysql.credentialsSecretRef is required",
                    spec -> mysql(spec).remove("credentialsSecretRef")),
            new SpecDefect(
                    "ingress without host",
                    "ingress.host is required when ingress.enabled is true",
                    spec -> spec.putObject("ingress").put("enabled", true)),
            new SpecDefect(
                    "auth without tokenSecretRef",
                    "spec.auth.tokenSecretRef is required",
                    spec -> spec.putObject("auth")),
            new SpecDefect(
                    "bad ingress namespace",
                    "spec.networkPolicy.ingressNamespace must match",
                    spec -> spec.putObject("networkPolicy").put("enabled", true).put("ingressNamespace", "Ingress_NS")),
            new SpecDefect("misspelled field", "spec.replica is not a field", spec -> spec.put("replica", 2)));

    /** The spec with this defect, the original left as it was. */
    ObjectNode applyTo(ObjectNode valid) {
        ObjectNode broken = valid.deepCopy();
        breaks.accept(broken);
        return broken;
    }

    @Override
    public String toString() {
        return name;
    }

    private static ObjectNode redis(ObjectNode spec) {
        return spec.has("redis") ? (ObjectNode) spec.get("redis") : spec.putObject("redis");
    }

    private static ObjectNode mysql(ObjectNode spec) {
        return (ObjectNode) spec.get("mysql");
    }

    /** The spec's redis turned into a valid Standalone one, keeping its password reference. */
    private static ObjectNode standalone(ObjectNode spec) {
        var redis = redis(spec);
        redis.remove(List.of("nodes", "sentinel"));
        return redis.put("mode", "Standalone").put("host", "redis.infra");
    }

    /** The spec's redis turned into a valid Sentinel one, keeping its password reference. */
    private static ObjectNode sentinel(ObjectNode spec) {
        var redis = redis(spec);
        redis.remove("host");
        redis.put("mode", "Sentinel").putArray("nodes").add("sentinel-0.infra:26379");
        redis.set("sentinel", JSON.objectNode().put("masterName", "counters"));
        return redis;
    }
}
