package io.github.aiobmp.auth.internal.settings;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** A MicroProfile Config backed by a map; it answers only the optional String and Long lookups. */
public final class StubConfig implements Config {

    private final Map<String, String> values;

    public StubConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        Optional<String> raw = Optional.ofNullable(values.get(propertyName));
        if (propertyType == String.class) {
            return raw.map(propertyType::cast);
        }
        if (propertyType == Long.class) {
            return raw.map(String::strip).map(Long::valueOf).map(propertyType::cast);
        }
        throw new UnsupportedOperationException("StubConfig converts to String and Long only, not " + propertyType);
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
