package io.github.aiobmp.auth.internal.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.hazelcast.core.Hazelcast;

import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.settings.StubConfig;

/**
 * Opening the sharing from configuration, as the component does: a working store shares, and its
 * member stops with it; what could not work is refused, naming the key to fix.
 */
class SharingTest {

    private static final TokenSource NEVER_CALLED = () -> {
        throw new AssertionError("getToken must not be called while the sharing opens");
    };
    private static final Scheduler NO_TIMERS = (task, delay) -> {
        throw new AssertionError("no timer is started while the sharing opens");
    };

    private static AiobConfigurationException refused(Map<String, String> values) {
        StubConfig config = new StubConfig(values);
        return assertThrows(AiobConfigurationException.class, () -> Sharing.open(AiobSettings.from(config), config,
                NEVER_CALLED, Runnable::run, NO_TIMERS, Clock.systemUTC(), TokenEvents.NONE));
    }

    @Test
    void jcacheStoreOpenedFromTheKeys_sharesWhatGetTokenGave_andItsMemberStopsWithTheSharing() {
        String cluster = "aiob-sharing-test-" + UUID.randomUUID();
        String before = System.setProperty("aiob.test.cluster-name", cluster);
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            StubConfig config = new StubConfig(Map.of("aiob.url", "https://aiob.test", "aiob.access-key", "ak-7f3a",
                    "aiob.secret-key", "sk-91c2", "aiob.token-store", "jcache",
                    "aiob.token-store.jcache.provider", "com.hazelcast.cache.HazelcastMemberCachingProvider",
                    "aiob.token-store.jcache.uri", "classpath:aiob-test-hazelcast.xml",
                    // A member may take seconds to start on a busy machine; this test is not about that.
                    "aiob.token-store.open-timeout", "60s"));
            AtomicInteger calls = new AtomicInteger();
            TokenSource getToken = () -> new TokenGrant("token-" + calls.incrementAndGet(), Duration.ofHours(1));
            TokenSharing sharing = Sharing.open(AiobSettings.from(config), config, getToken, executor,
                    (task, delay) -> timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), Clock.systemUTC(),
                    TokenEvents.NONE);

            assertEquals("token-1", sharing.fetch().accessToken());
            assertEquals("token-1", sharing.fetch().accessToken(), "the second fetch found the shared grant");
            assertEquals(1, calls.get());
            assertTrue(sharing.storeConnected());
            assertEquals(1, members(cluster));

            sharing.close();

            assertEquals(0, members(cluster), "the member outlives the application");
        } finally {
            executor.shutdownNow();
            timers.shutdownNow();
            if (before == null) {
                System.clearProperty("aiob.test.cluster-name");
            } else {
                System.setProperty("aiob.test.cluster-name", before);
            }
        }
    }

    private static long members(String cluster) {
        return Hazelcast.getAllHazelcastInstances().stream()
                .filter(member -> member.getConfig().getClusterName().equals(cluster)).count();
    }

    @Test
    void leaseTooShortForItsRenewals_isRefused_withTheArithmetic() {
        String message = refused(Map.of("aiob.token-store", "jcache", "aiob.token-store.lease", "2s")).getMessage();

        assertTrue(message.contains("aiob.token-store.lease") && message.contains("2000 ms is shorter than six times"
                + " aiob.token-store.timeout (3000 ms)") && message.contains("renews it every quarter"), message);
    }

    @Test
    void leaseLongEnoughForTheDefaults_isRefusedOnceAGetTokenAttemptMayOutlastIt() {
        String message = refused(Map.of("aiob.token-store", "jcache",
                "io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/value", "6000")).getMessage();

        assertTrue(message.contains("5000 ms is shorter than four thirds of getToken's attempt timeout"
                + " (io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/value) plus aiob.token-store.timeout (8666 ms)"),
                message);
    }

    @Test
    void leaseLongEnoughForTheDefaults_isRefusedOnceTheStoreTimeoutLengthensItsRenewals() {
        String message = refused(Map.of("aiob.token-store", "jcache", "aiob.token-store.timeout", "1s"))
                .getMessage();

        assertTrue(message.contains("5000 ms is shorter") && message.contains("(6000 ms)"), message);
    }

    @Test
    void storeNamedWithoutItsModule_isRefused_sayingWhichModulesThereAre() {
        String message = refused(Map.of("aiob.token-store", "redis")).getMessage();

        assertTrue(message.contains("aiob.token-store") && message.contains("'redis'")
                && message.contains("found: jcache") && message.contains("classifier cluster"), message);
    }

    @Test
    void clusterJarWithoutTheJCacheApi_isRefused_sayingWhatToAdd() {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(new WithoutJCache(SharingTest.class.getClassLoader()));
        String message;
        try {
            message = refused(Map.of("aiob.token-store", "jcache")).getMessage();
        } finally {
            thread.setContextClassLoader(application);
        }

        assertTrue(message.contains("aiob.token-store") && message.contains("cannot be loaded")
                && message.contains("javax/cache") && message.contains("javax.cache:cache-api"), message);
    }

    /** The application's class path without {@code javax.cache}: the cluster jar's classes defined anew. */
    private static final class WithoutJCache extends ClassLoader {

        WithoutJCache(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("javax.cache.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("io.github.aiobmp.cluster.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }

}
