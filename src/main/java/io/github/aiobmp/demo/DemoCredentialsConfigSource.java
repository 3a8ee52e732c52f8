package io.github.aiobmp.demo;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Supplies the simulator's demo credentials, so the demo works out of the box, but only while
 * {@code aiob.url} is the demo server's own simulator (http, a loopback host, path exactly
 * {@code /aiob-simulator}). Aimed anywhere else, the demo keys are never sent, and calls fail
 * naming the keys to set. Its ordinal is below every source a user would set credentials in
 * (environment 300, {@code microprofile-config.properties} 100).
 */
public class DemoCredentialsConfigSource implements ConfigSource {

    private static final Map<String, String> DEMO_CREDENTIALS = Map.of(
            AiobConfigKeys.ACCESS_KEY, AiobSimulator.DEFAULT_ACCESS_KEY,
            AiobConfigKeys.SECRET_KEY, AiobSimulator.DEFAULT_SECRET_KEY);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Override
    public Set<String> getPropertyNames() {
        return DEMO_CREDENTIALS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        if (!DEMO_CREDENTIALS.containsKey(propertyName)) {
            return null;
        }
        // Asks for another key than its own, so the lookup cannot come back here for the same one.
        String url = ConfigProvider.getConfig(DemoCredentialsConfigSource.class.getClassLoader())
                .getOptionalValue(AiobConfigKeys.URL, String.class).orElse("");
        return isBuiltInSimulator(url) ? DEMO_CREDENTIALS.get(propertyName) : null;
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    @Override
    public String getName() {
        return "aiob-mp demo credentials (only for the built-in simulator)";
    }

    static boolean isBuiltInSimulator(String url) {
        try {
            URI uri = URI.create(url.strip());
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK.contains(uri.getHost())
                    && path.equals("/aiob-simulator");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
