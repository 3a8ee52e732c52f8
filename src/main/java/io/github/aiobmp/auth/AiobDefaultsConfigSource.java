package io.github.aiobmp.auth;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves the component's defaults ({@link AiobConfigKeys#defaultOf}) at the lowest ordinal there
 * is, so that a property expression such as {@code aiob/mp-rest/url=${aiob.url}} resolves when
 * nothing sets {@code aiob.url}, and every source a deployment has, Liberty's
 * {@code <variable defaultValue>} (ordinal 1) included, outranks it. Registered through
 * {@code META-INF/services}.
 */
public final class AiobDefaultsConfigSource implements ConfigSource {

    @Override
    public Map<String, String> getProperties() {
        return AiobConfigKeys.DEFAULTS;
    }

    @Override
    public Set<String> getPropertyNames() {
        return AiobConfigKeys.DEFAULTS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return AiobConfigKeys.DEFAULTS.get(propertyName);
    }

    @Override
    public int getOrdinal() {
        return AiobConfigKeys.DEFAULTS_ORDINAL;
    }

    @Override
    public String getName() {
        return "aiob-mp defaults (lowest ordinal: anything a deployment sets wins)";
    }
}
