package io.usercounter.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** /actuator/info reports the effective settings; the e2e suite reads this contract. */
@Component
public class CounterInfoContributor implements InfoContributor {

    private final CounterProperties properties;

    public CounterInfoContributor(CounterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> counter = new LinkedHashMap<>();
        counter.put("consistency", properties.consistency().wireName());
        counter.put("syncIntervalMs", properties.syncInterval().toMillis());
        counter.put("keyPrefix", properties.keyPrefix());
        counter.put("redisMode", properties.redisMode().wireName());
        builder.withDetail("counter", counter);
    }
}
