package io.github.aiobmp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

import javax.cache.CacheManager;
import javax.cache.Caching;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.settings.StubConfig;
import io.github.aiobmp.auth.spi.TokenStore;
import io.github.aiobmp.auth.spi.TokenStoreFactory;

/**
 * The {@code aiob.token-store.jcache.*} keys, as a user sets them: a real Hazelcast member started
 * from a {@code hazelcast.xml} on the class path, caches named by the keys, and each mistake told.
 */
class JCacheTokenStoreFactoryTest {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
    private static final String CONFIG_URI = "classpath:aiob-test-hazelcast.xml";
    private static final Duration LEASE = Duration.ofSeconds(20);

    static {
        System.setProperty("aiob.test.cluster-name", "aiob-factory-test-" + UUID.randomUUID());
        System.setProperty("hazelcast.phone.home.enabled", "false");
    }

    @AfterAll
    static void closeProviders() {
        Caching.getCachingProvider(MEMBER_PROVIDER).close();
        com.hazelcast.core.Hazelcast.shutdownAll();
    }

    private static TokenStore open(Map<String, String> values) {
        return new JCacheTokenStoreFactory().open(new StubConfig(values), LEASE);
    }

    @Test
    void factory_isFoundByItsName_asTheComponentLooksItUp() {
        Optional<String> names = ServiceLoader.load(TokenStoreFactory.class).stream()
                .map(provider -> provider.get().name()).filter("jcache"::equals).findFirst();
        assertEquals(Optional.of("jcache"), names);
    }

    @Test
    void providerAndUriFromTheKeys_openTheCachesTheKeysName_onAMemberOfThatConfiguration() {
        Map<String, String> values = new HashMap<>(Map.of(AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                AiobConfigKeys.JCACHE_URI, CONFIG_URI));
        try (TokenStore defaults = open(values)) {
            assertTrue(defaults.putGrantIfAbsent("account", "grant"));
            assertTrue(defaults.acquireLease("account", "holder"));
            assertEquals(LEASE, defaults.leaseTime());
        }
        CacheManager manager = Caching.getCachingProvider(MEMBER_PROVIDER)
                .getCacheManager(java.net.URI.create(CONFIG_URI), null);
        assertNotNull(manager.getCache("aiob-token-grants", String.class, String.class), "default grants cache");
        assertNotNull(manager.getCache("aiob-token-leases", String.class, String.class), "default leases cache");

        values.put(AiobConfigKeys.JCACHE_GRANTS_CACHE, "team-grants");
        values.put(AiobConfigKeys.JCACHE_LEASES_CACHE, "team-leases");
        try (TokenStore named = open(values)) {
            assertTrue(named.putGrantIfAbsent("account", "grant"), "the named cache is another cache");
        }
        manager = Caching.getCachingProvider(MEMBER_PROVIDER).getCacheManager(java.net.URI.create(CONFIG_URI), null);
        assertEquals("grant", manager.getCache("team-grants", String.class, String.class).get("account"));
    }

    @Test
    void providerUnset_withSeveralOnTheClassPath_isRefused_sayingWhichKeyNamesOne() {
        // The Hazelcast jar holds two: the member's and the client's.
        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class, () -> open(Map.of()));

        assertTrue(refused.getMessage().contains("aiob.token-store.jcache.provider"), refused.getMessage());
    }

    @Test
    void providerThatIsNotOnTheClassPath_isRefused_namingIt() {
        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> open(Map.of(AiobConfigKeys.JCACHE_PROVIDER, "org.example.NoSuchCachingProvider")));

        assertTrue(refused.getMessage().contains("org.example.NoSuchCachingProvider")
                && refused.getMessage().contains("aiob.token-store.jcache.provider"), refused.getMessage());
    }

    @Test
    void uriThatIsNotAUri_isRefused_namingTheKey() {
        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> open(Map.of(AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                        AiobConfigKeys.JCACHE_URI, "classpath:has spaces.xml")));

        assertTrue(refused.getMessage().contains("aiob.token-store.jcache.uri")
                && refused.getMessage().contains("'classpath:has spaces.xml'"), refused.getMessage());
    }

    @Test
    void uriNamingAConfigurationThatIsNotThere_isRefused_namingTheKeyAndTheCause() {
        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> open(Map.of(AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                        AiobConfigKeys.JCACHE_URI, "classpath:no-such-hazelcast.xml")));

        assertTrue(refused.getMessage().contains("aiob.token-store.jcache.uri")
                && refused.getMessage().contains("classpath:no-such-hazelcast.xml"), refused.getMessage());
    }
}
