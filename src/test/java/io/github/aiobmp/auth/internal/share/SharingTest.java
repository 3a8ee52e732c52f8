package io.github.aiobmp.auth.internal.share;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.settings.StubConfig;

/** Opening the sharing refuses, naming the key to fix, what could not work. */
class SharingTest {

    private static final TokenSource NEVER_CALLED = () -> {
        throw new AssertionError("getToken must not be called while the sharing opens");
    };

    private static AiobConfigurationException refused(Map<String, String> values) {
        StubConfig config = new StubConfig(values);
        return assertThrows(AiobConfigurationException.class, () -> Sharing.open(AiobSettings.from(config), config,
                NEVER_CALLED, Runnable::run, Clock.systemUTC()));
    }

    @Test
    void leaseShorterThanGetTokensWorstCase_isRefused_withTheArithmetic() {
        String message = refused(Map.of("aiob.token-store", "jcache", "aiob.token-store.lease", "5s")).getMessage();

        assertTrue(message.contains("aiob.token-store.lease") && message.contains("5000 ms is shorter")
                && message.contains("9600 ms") && message.contains("3 attempts of 3000 ms")
                && message.contains("TokenFetcher/fetch/"), message);
    }

    @Test
    void leaseLongEnoughForTheDefaults_isRefusedOnceFaultToleranceKeysLengthenGetToken() {
        String message = refused(Map.of("aiob.token-store", "jcache",
                "io.github.aiobmp.auth.TokenFetcher/fetch/Retry/maxRetries", "6",
                "io.github.aiobmp.auth.TokenFetcher/fetch/Retry/maxDuration", "60000")).getMessage();

        assertTrue(message.contains("20000 ms is shorter") && message.contains("22800 ms"), message);
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
