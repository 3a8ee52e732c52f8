package io.github.aiobmp.demo;

import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Registers the demo's {@link DemoCredentialsConfigSource}. A provider, not a
 * {@code META-INF/services/…ConfigSource} entry, because that file is the component's: the auth
 * jar ships it, naming the component's defaults source only.
 */
public class DemoConfigSources implements ConfigSourceProvider {

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        return List.of(new DemoCredentialsConfigSource());
    }
}
