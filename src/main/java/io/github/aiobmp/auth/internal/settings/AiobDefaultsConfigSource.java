package io.github.aiobmp.auth.internal.settings;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.github.aiobmp.auth.AiobConfigKeys;

/**
 * Serves the component's defaults ({@link AiobConfigKeys#defaultOf}) at the lowest ordinal there
 * is, so that a property expression such as {@code aiob/mp-rest/url=${aiob.url}} resolves when
 * nothing sets {@code aiob.url}, and every source a deployment has, Liberty's
 * {@code <variable defaultValue>} (ordinal 1) included, outranks it. Registered through
 * {@code META-INF/services}.
 */
public final class AiobDefaultsConfigSource implements ConfigSource {

    /** The lowest ordinal there is, below even Liberty's {@code <variable defaultValue>} (1). */
    static final int ORDINAL = Integer.MIN_VALUE;

    @Override
    public Map<String, String> getProperties() {
        return AiobConfigKeys.defaults();
    }

    @Override
    public Set<String> getPropertyNames() {
        return AiobConfigKeys.defaults().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return AiobConfigKeys.defaults().get(propertyName);
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "aiob-mp defaults (lowest ordinal: anything a deployment sets wins)";
    }
}
