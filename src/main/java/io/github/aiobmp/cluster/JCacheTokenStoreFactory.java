package io.github.aiobmp.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.spi.TokenStore;
import io.github.aiobmp.auth.spi.TokenStoreFactory;

/**
 * Opens a {@link JCacheTokenStore} for {@code aiob.token-store=jcache}: the caching provider of
 * {@code aiob.token-store.jcache.provider} (the only one on the class path when unset), the cache
 * manager of {@code aiob.token-store.jcache.uri} (the provider's default when unset), and the two
 * caches named by {@code aiob.token-store.jcache.grants-cache} and {@code …leases-cache}.
 */
public final class JCacheTokenStoreFactory implements TokenStoreFactory {

    /** The name that selects this store. */
    public static final String NAME = "jcache";
    /** Hazelcast's {@code HazelcastCachingProvider.HAZELCAST_CONFIG_LOCATION}. */
    private static final String HAZELCAST_CONFIG_LOCATION = "hazelcast.config.location";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenStore open(Config config, Duration lease) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : JCacheTokenStoreFactory.class.getClassLoader();
        Optional<String> providerClass = config.getOptionalValue(AiobConfigKeys.JCACHE_PROVIDER, String.class)
                .map(String::strip).filter(name -> !name.isEmpty());
        CachingProvider provider;
        try {
            provider = providerClass.isPresent() ? Caching.getCachingProvider(providerClass.get(), loader)
                    : Caching.getCachingProvider(loader);
        } catch (CacheException e) {
            throw new AiobConfigurationException("No JCache provider for the token store: " + e.getMessage()
                    + ". Put one on the class path (e.g. com.hazelcast:hazelcast), and name its class in "
                    + AiobConfigKeys.describe(AiobConfigKeys.JCACHE_PROVIDER) + " when there are several");
        }
        Optional<URI> configured = config.getOptionalValue(AiobConfigKeys.JCACHE_URI, String.class)
                .map(String::strip).filter(value -> !value.isEmpty()).map(JCacheTokenStoreFactory::uri);
        URI uri = configured.orElse(provider.getDefaultURI());
        Properties properties = new Properties();
        boolean hazelcast = provider.getClass().getName().startsWith("com.hazelcast.");
        if (hazelcast && configured.isPresent()) {
            // Hazelcast names caches after their manager's URI and class loader (in Liberty, a class
            // loader of each server's own): with the defaults, every server's caches have the same
            // names whatever its path to the configuration, which comes as this property instead.
            // Then, too, the member or client started for it shuts down with the manager.
            properties.setProperty(HAZELCAST_CONFIG_LOCATION, uri.toString());
        }
        CacheManager manager;
        try {
            manager = hazelcast ? provider.getCacheManager(provider.getDefaultURI(), null, properties)
                    : provider.getCacheManager(uri, loader, properties);
        } catch (RuntimeException e) {
            throw new AiobConfigurationException("The JCache provider " + provider.getClass().getName()
                    + " could not open the cache manager of '" + uri + "' ("
                    + AiobConfigKeys.describe(AiobConfigKeys.JCACHE_URI) + "): " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        try {
            return new JCacheTokenStore(manager, name(config, AiobConfigKeys.JCACHE_GRANTS_CACHE),
                    name(config, AiobConfigKeys.JCACHE_LEASES_CACHE), lease, manager::close);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static String name(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty())
                .orElse(AiobConfigKeys.defaultOf(key));
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new AiobConfigurationException("Invalid " + AiobConfigKeys.describe(AiobConfigKeys.JCACHE_URI) + ": '"
                    + value + "'; expected a URI such as classpath:hazelcast.xml");
        }
    }
}
