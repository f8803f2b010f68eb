package io.usercounter.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every framework key the app sets is one its libraries still read: Boot ignores a key it has moved (Boot 4 moved
 * {@code server.error.*} to {@code spring.web.error.*}) without a word, so a stale key silently stops working.
 */
class FrameworkSettingKeysTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)");
    private static final Pattern MAP_TYPE = Pattern.compile("java\\.util\\.(Map|Properties)\\b");

    private static Map<String, ConfigurationMetadataProperty> known;

    @BeforeAll
    static void readTheLibrariesMetadata() throws IOException {
        var builder = ConfigurationMetadataRepositoryJsonBuilder.create();
        for (Resource metadata : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = metadata.getInputStream()) {
                builder.withJsonResource(in);
            }
        }
        known = builder.build().getAllProperties();
    }

    @Test
    void applicationYmlSetsOnlyKeysTheLibrariesRead() throws IOException {
        var yaml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        List<String> keys = yaml.stream()
                .flatMap(source -> Stream.of(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .toList();

        assertThat(keys).hasSizeGreaterThan(20);
        assertThat(stale(keys)).isEmpty();
    }

    @Test
    void placeholdersInTheSourcesNameOnlyKeysTheLibrariesRead() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(Files.readString(source));
                while (placeholder.find()) {
                    keys.add(placeholder.group(1));
                }
            }
        }

        assertThat(stale(keys)).isEmpty();
    }

    /** Each key no library declares, or one it declares deprecated, with what to use instead. */
    private static Map<String, String> stale(List<String> keys) {
        Map<String, String> stale = new TreeMap<>();
        for (String key : keys) {
            ConfigurationMetadataProperty property = declaring(key);
            if (property == null) {
                stale.put(key, "no library declares it");
            } else if (property.isDeprecated()) {
                stale.put(
                        key,
                        "deprecated (" + property.getDeprecation().getLevel() + "), use "
                                + property.getDeprecation().getReplacement());
            }
        }
        return stale;
    }

    /** The key itself, or the map-valued property it is an entry of (data-source-properties.connectTimeout). */
    private static ConfigurationMetadataProperty declaring(String key) {
        String name = key.replaceAll("\\[\\d+]$", "");
        if (known.containsKey(name)) {
            return known.get(name);
        }
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            ConfigurationMetadataProperty map = known.get(name.substring(0, dot));
            if (map != null
                    && map.getType() != null
                    && MAP_TYPE.matcher(map.getType()).lookingAt()) {
                return map;
            }
        }
        return null;
    }
}
