package org.jphmesh.web.health;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /health} says about Redis, PostgreSQL and the MQTT broker: live probes for the first two
 * ({@link HealthProbe}), the bridge's own connection state for the third. A dependency the entry does not
 * name is {@code not configured}.
 */
public final class DependencyHealth implements HealthReport, AutoCloseable {

    static final String NOT_CONFIGURED = "not configured";

    private final Optional<HealthProbe> redis;
    private final Optional<HealthProbe> postgres;
    private final Supplier<String> mqtt;

    public DependencyHealth(Optional<HealthProbe> redis, Optional<HealthProbe> postgres, Supplier<String> mqtt) {
        this.redis = redis;
        this.postgres = postgres;
        this.mqtt = mqtt;
    }

    @Override
    public void refresh() {
        redis.ifPresent(HealthProbe::refresh);
        postgres.ifPresent(HealthProbe::refresh);
    }

    @Override
    public String redis() {
        return redis.map(HealthProbe::state).orElse(NOT_CONFIGURED);
    }

    @Override
    public String postgres() {
        return postgres.map(HealthProbe::state).orElse(NOT_CONFIGURED);
    }

    @Override
    public String mqtt() {
        return mqtt.get();
    }

    @Override
    public void close() {
        redis.ifPresent(HealthProbe::close);
        postgres.ifPresent(HealthProbe::close);
    }
}
