package io.github.aiobmp.it;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.spi.ConfigSource;

/** A dynamic config source, as a vault or a watched file would be: tests change its values at run time. */
public class MutableConfigSource implements ConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    static void set(String key, String value) {
        VALUES.put(key, value);
    }

    static void clear() {
        VALUES.clear();
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "mutable-test-source";
    }

    @Override
    public int getOrdinal() {
        return 900;
    }
}
