package io.usercounter.operator.dependent;

import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.DEGRADED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.usercounter.operator.TestUserCounters;
import io.usercounter.operator.api.v1alpha1.CrdSchema;
import io.usercounter.operator.api.v1alpha1.RedisMode;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.settings.ConfigHash;
import io.usercounter.operator.settings.CounterAppSettingsResolver;
import io.usercounter.operator.settings.ReferencedSecretsExist;
import io.usercounter.operator.settings.SecretKeyReference;
import io.usercounter.operator.settings.SecretLookup;
import io.usercounter.operator.status.ReconcileProblem;
import io.usercounter.operator.status.UserCounterStatusAggregator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random UserCounter specs through the generated CRD's schema and CEL rules, then through what the reconciler does
 * with them: the CRD accepts exactly the specs without a defect; an accepted spec always becomes valid objects, or
 * a status naming the Secret it lacks; a rejected spec reaching an API server that validates nothing (the local
 * stack's mock) becomes objects or a status, never an exception out of the reconciler.
 */
class RandomUserCounterSpecsTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final CounterAppSettingsResolver RESOLVER = new CounterAppSettingsResolver("registry.test/counter-app:1.0");
    static final UserCounterStatusAggregator STATUS = new UserCounterStatusAggregator(Clock.systemUTC());

    static CrdSchema schema;

    @BeforeContainer
    static void loadGeneratedCrd() throws IOException {
        schema = CrdSchema.generated();
    }

    @Provide
    Arbitrary<ObjectNode> validSpecs() {
        return RandomSpecs.validSpecs();
    }

    @Provide
    Arbitrary<SpecDefect> defects() {
        return Arbitraries.of(SpecDefect.ALL);
    }

    @Property(tries = 300)
    void theCrdAcceptsEverySpecWithoutADefect(@ForAll("validSpecs") ObjectNode spec) {
        assertThat(schema.violationsOfSpec(spec)).as(spec.toString()).isEmpty();
    }

    @Property(tries = 250)
    void theCrdRejectsEverySpecWithADefectNamingIt(
            @ForAll("validSpecs") ObjectNode spec, @ForAll("defects") SpecDefect defect) {
        var broken = defect.applyTo(spec);

        assertThat(schema.violationsOfSpec(broken))
                .as(broken.toString())
                .anyMatch(violation -> violation.contains(defect.violation()));
    }

    @Property(tries = 200)
    void anAcceptedSpecBecomesValidObjects(@ForAll("validSpecs") ObjectNode spec) {
        var userCounter = userCounter(spec);
        var secrets = everyReferencedSecret(userCounter);
        assertThat(new ReferencedSecretsExist().check(userCounter, secrets)).isEmpty();

        var settings = RESOLVER.resolve(userCounter, secrets);
        List<HasMetadata> objects = DesiredObjects.of(userCounter, settings);

        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getName()).isIn("demo", "demo-config");
            assertThat(object.getMetadata().getNamespace()).isEqualTo("team-a");
            assertThat(object.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> assertThat(owner.getController()).isTrue());
            assertThat(SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), object.getClass()))
                    .isEqualTo(object);
        }
        var deployment = (Deployment) objects.get(1);
        assertThat(deployment.getSpec().getReplicas())
                .isEqualTo(spec.path("replicas").asInt(1));
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(ConfigHash.ANNOTATION))
                .matches("[0-9a-f]{32}");
        assertRedisUrlFitsTheMode(userCounter, TestUserCounters.decoded((Secret) objects.get(0), "COUNTER_REDIS_URL"));
        assertThat(STATUS.aggregate(userCounter, Optional.empty(), List.of(), Optional.empty(), Optional.empty())
                        .condition(READY))
                .hasValueSatisfying(ready -> assertThat(ready.getReason()).isEqualTo("DeploymentNotFound"));
    }

    @Property(tries = 200)
    void anAcceptedSpecWhoseSecretOrKeyIsMissingGetsAStatusNamingIt(
            @ForAll("validSpecs") ObjectNode spec,
            @ForAll @IntRange(min = 0, max = 3) int missing,
            @ForAll boolean wholeSecret) {
        var userCounter = userCounter(spec);
        var references = SecretKeyReference.allOf(userCounter.getSpec());
        var absent = references.get(missing % references.size());
        var secrets = everyReferencedSecret(userCounter);
        SecretLookup withOneMissing = name -> !name.equals(absent.secretName())
                ? secrets.find(name)
                : wholeSecret ? Optional.empty() : secrets.find(name).map(secret -> without(secret, absent.key()));

        var problem = new ReferencedSecretsExist().check(userCounter, withOneMissing);

        assertThat(problem).hasValueSatisfying(found -> {
            assertThat(found.reason()).isIn(ReconcileProblem.SECRET_NOT_FOUND, ReconcileProblem.SECRET_KEY_NOT_FOUND);
            assertThat(found.message()).contains("Secret " + absent.secretName());
        });
        var ready = STATUS.aggregate(userCounter, Optional.empty(), List.of(), problem, Optional.empty())
                .condition(READY)
                .orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage()).isEqualTo(problem.get().message());
    }

    @Property(tries = 200)
    void aRejectedSpecThatReachesTheOperatorAnywayBecomesObjectsOrAStatus(
            @ForAll("validSpecs") ObjectNode spec, @ForAll("defects") SpecDefect defect) {
        Optional<UserCounter> readable = readable(defect.applyTo(spec));
        // a spec Jackson cannot read (an unknown enum constant) never reaches the reconciler
        Assume.that(readable.isPresent());
        var userCounter = readable.get();
        var secrets = everyReferencedSecret(userCounter);

        Optional<ReconcileProblem> problem;
        try {
            DesiredObjects.of(userCounter, RESOLVER.resolve(userCounter, secrets));
            problem = Optional.empty();
        } catch (RuntimeException e) {
            problem = Optional.of(ReconcileProblem.failed(e));
        }

        var status = STATUS.aggregate(userCounter, Optional.empty(), List.of(), problem, Optional.empty());
        assertThat(status.condition(READY).orElseThrow().getStatus()).isEqualTo("False");
        problem.ifPresent(
                found -> assertThat(status.condition(DEGRADED).orElseThrow().getMessage())
                        .isEqualTo(found.message())
                        .isNotBlank());
    }

    private static void assertRedisUrlFitsTheMode(UserCounter userCounter, String url) {
        var redis = userCounter.getSpec().getRedis();
        if (redis.getMode() == RedisMode.Standalone) {
            var uri = URI.create(url);
            assertThat(uri.getScheme()).isEqualTo("redis");
            assertThat(uri.getHost()).isEqualTo(redis.getHost());
            assertThat(uri.getPort()).isEqualTo(redis.getPort());
        } else if (redis.getMode() == RedisMode.Sentinel) {
            String credentials = redis.getPasswordSecretRef() != null ? "@" : "//";
            assertThat(url)
                    .startsWith("redis-sentinel://")
                    .endsWith(credentials + String.join(",", redis.getNodes()) + "#"
                            + redis.getSentinel().getMasterName());
        } else {
            var seeds = url.split(",");
            assertThat(seeds).hasSameSizeAs(redis.getNodes().toArray());
            for (int i = 0; i < seeds.length; i++) {
                assertThat(URI.create(seeds[i]).getScheme()).isEqualTo("redis");
                assertThat(seeds[i]).endsWith(redis.getNodes().get(i));
            }
        }
    }

    private static UserCounter userCounter(ObjectNode spec) {
        return readable(spec).orElseThrow(() -> new AssertionError("Jackson cannot read " + spec));
    }

    private static Optional<UserCounter> readable(ObjectNode spec) {
        var resource = JsonNodeFactory.instance
                .objectNode()
                .put("apiVersion", "usercounter.io/v1alpha1")
                .put("kind", "UserCounter");
        resource.putObject("metadata")
                .put("name", "demo")
                .put("namespace", "team-a")
                .put("uid", "0b1c-uid")
                .put("generation", 1);
        resource.set("spec", spec);
        try {
            return Optional.of(SERIALIZATION.convertValue(resource, UserCounter.class));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One Secret per referenced name, holding every key the spec names there, with a password full of URI syntax. */
    private static SecretLookup everyReferencedSecret(UserCounter userCounter) {
        Map<String, Map<String, String>> values = new HashMap<>();
        for (SecretKeyReference reference : SecretKeyReference.allOf(userCounter.getSpec())) {
            values.computeIfAbsent(reference.secretName(), name -> new HashMap<>())
                    .put(reference.key(), "p@ss:w/rd,#1 %");
        }
        return name -> Optional.ofNullable(values.get(name)).map(keys -> TestUserCounters.secret("team-a", name, keys));
    }

    private static Secret without(Secret secret, String key) {
        var data = new HashMap<>(secret.getData());
        data.remove(key);
        secret.setData(data);
        return secret;
    }
}
