package io.github.aiobmp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

import javax.cache.Caching;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.cache.ICache;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.PrefixedDistributedObject;

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
    private static final String CLUSTER_NAME = "aiob-factory-test-" + UUID.randomUUID();

    static {
        System.setProperty("aiob.test.cluster-name", CLUSTER_NAME);
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
            assertEquals(LEASE, ((JCacheTokenStore) defaults).leaseTime());
            assertTrue(cachesOfOurMember().containsAll(List.of("aiob-token-grants", "aiob-token-leases")),
                    cachesOfOurMember().toString());
        }

        values.put(AiobConfigKeys.JCACHE_GRANTS_CACHE, "team-grants");
        values.put(AiobConfigKeys.JCACHE_LEASES_CACHE, "team-leases");
        try (TokenStore named = open(values)) {
            assertTrue(named.putGrantIfAbsent("account", "grant"));
            assertTrue(cachesOfOurMember().containsAll(List.of("team-grants", "team-leases")),
                    cachesOfOurMember().toString());
        }
    }

    @Test
    void closingTheStore_shutsDownTheMemberItStarted() {
        TokenStore store = open(Map.of(AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                AiobConfigKeys.JCACHE_URI, CONFIG_URI));
        assertEquals(1, ourMembers().size());

        store.close();

        assertEquals(List.of(), ourMembers(), "the member, its threads and its ports outlive the application");
    }

    @Test
    void cacheNames_doNotDependOnTheApplicationsClassLoaderOrPath_soEveryServerSharesTheCaches() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        // Each application has a class loader of its own, which Hazelcast would put in the caches' names.
        try (URLClassLoader application = new URLClassLoader(new URL[0], original)) {
            thread.setContextClassLoader(application);
            try (TokenStore store = open(Map.of(AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                    AiobConfigKeys.JCACHE_URI, CONFIG_URI))) {
                assertTrue(store.putGrantIfAbsent("account", "grant"));

                List<String> names = ourMembers().stream().flatMap(member -> member.getDistributedObjects().stream())
                        .filter(object -> object instanceof ICache)
                        .map(cache -> ((PrefixedDistributedObject) cache).getPrefixedName()).sorted().toList();
                assertEquals(List.of("/hz/aiob-token-grants", "/hz/aiob-token-leases"), names);
            }
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    /** The members of this test's cluster name, running in this JVM. */
    private static List<HazelcastInstance> ourMembers() {
        return Hazelcast.getAllHazelcastInstances().stream()
                .filter(member -> member.getConfig().getClusterName().equals(CLUSTER_NAME)).toList();
    }

    /** The names of the caches on this test's member. */
    private static List<String> cachesOfOurMember() {
        return ourMembers().stream().flatMap(member -> member.getDistributedObjects().stream())
                .filter(object -> object instanceof ICache).map(DistributedObject::getName)
                .map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
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
