package io.github.aiobmp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.cache.Caching;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.internal.settings.StubConfig;
import io.github.aiobmp.auth.spi.TokenStore;
import io.github.aiobmp.auth.spi.TokenStoreNoQuorumException;

/**
 * The demo's {@code aiob-demo-hazelcast.xml} with the system properties {@code bin/demo-cluster}
 * writes for three servers: the store opens on it as the demo's does, its grants cache is under the
 * split-brain protection (a member alone has no quorum of two), and it answers once a second
 * member of the same configuration joins.
 */
class DemoHazelcastConfigTest {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
    private static final int FIRST_PORT = 5781;
    private static final Properties DEMO = new Properties();

    static {
        // As bin/demo-cluster start 3 writes them in jvm.options, but for two members of this JVM.
        DEMO.putAll(Map.of("demo.hazelcast.cluster-name", "aiob-demo-config-test-" + UUID.randomUUID(),
                "demo.hazelcast.port", String.valueOf(FIRST_PORT),
                "demo.hazelcast.members", "127.0.0.1:" + FIRST_PORT + ",127.0.0.1:" + (FIRST_PORT + 1),
                "demo.hazelcast.quorum.enabled", "true", "demo.hazelcast.quorum", "2",
                "demo.hazelcast.outbound-ports", "0"));
        DEMO.forEach((key, value) -> System.setProperty((String) key, (String) value));
        System.setProperty("hazelcast.phone.home.enabled", "false");
    }

    @AfterAll
    static void closeProviders() {
        Caching.getCachingProvider(MEMBER_PROVIDER).close();
        Hazelcast.shutdownAll();
    }

    @Test
    void grantsCache_refusesWithoutAMajority_andAnswersOnceItHasOne() {
        try (TokenStore store = new JCacheTokenStoreFactory().open(new StubConfig(Map.of(
                AiobConfigKeys.JCACHE_PROVIDER, MEMBER_PROVIDER,
                AiobConfigKeys.JCACHE_URI, "classpath:aiob-demo-hazelcast.xml")), Duration.ofSeconds(5))) {
            assertThrows(TokenStoreNoQuorumException.class, () -> store.grant("account"), "a member alone");

            Properties second = new Properties();
            second.putAll(DEMO);
            second.setProperty("demo.hazelcast.port", String.valueOf(FIRST_PORT + 1));
            HazelcastInstance joined = Hazelcast.newHazelcastInstance(
                    new ClasspathXmlConfig("aiob-demo-hazelcast.xml", second));
            assertEquals(2, joined.getCluster().getMembers().size());

            assertTrue(answersWithin(store, Duration.ofSeconds(20)), "the store did not answer with a quorum");
            assertTrue(store.putGrantIfAbsent("account", "grant"));
            assertEquals(Optional.of("grant"), store.grant("account"));
            assertEquals(Duration.ofSeconds(5), ((JCacheTokenStore) store).leaseTime(), "the store's own leases cache");
        }
    }

    /** Hazelcast updates its split-brain protection on membership changes, and every heartbeat. */
    private static boolean answersWithin(TokenStore store, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                store.grant("account");
                return true;
            } catch (TokenStoreNoQuorumException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
