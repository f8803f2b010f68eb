package io.usercounter.app.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds the counter settings before anything else starts, so a bad value stops the app at once
 * (no pool, no migration, no Redis connection first) with the one-line report of
 * {@link InvalidSettingFailureAnalyzer}.
 */
public class CounterSettingsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new GoDurationConverter());
        Binder binder = new Binder(ConfigurationPropertySources.get(environment), null, conversion);
        binder.bindOrCreate("counter", CounterProperties.class);
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:mysql:")) {
            throw new InvalidSettingException("SPRING_DATASOURCE_URL", url, "expected jdbc:mysql://host:port/database");
        }
    }
}
