package io.github.aiobmp.bench;

import java.lang.reflect.Field;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.cache.CacheManager;
import javax.cache.Caching;

import org.eclipse.microprofile.config.Config;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.Stubs;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.CachePolicy;
import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.share.BoundedTokenStore;
import io.github.aiobmp.auth.internal.share.TokenSharing;
import io.github.aiobmp.auth.internal.wiring.Wiring;
import io.github.aiobmp.cluster.JCacheTokenStore;

/**
 * The one place where the benchmarks build our token holder and filter: when their constructors
 * change, only this file changes.
 */
final class Ours {

    /** Where the benchmarked filter's requests go; nothing is ever sent there. */
    static final URI AIOB_URL = URI.create("http://localhost:9080/aiob-simulator");

    private static final long THIRTY_DAYS_IN_MINUTES = 30L * 24 * 60;
    /** The refresh timers, as the ManagedScheduledExecutorService runs them in a server. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-token-timers");
        thread.setDaemon(true);
        return thread;
    });
    private static final Scheduler SCHEDULER = (task, delay) -> TIMERS.schedule(task, delay.toNanos(),
            TimeUnit.NANOSECONDS);

    private Ours() {
    }

    /** A cache with the production defaults, holding a FRESH 30-day {@code token}. */
    static TokenCache freshCache(String token) {
        CachePolicy defaults = AiobSettings.from(config(Map.of())).cachePolicy();
        TokenCache cache = cache(() -> new TokenGrant(token, Duration.ofMinutes(THIRTY_DAYS_IN_MINUTES)), defaults,
                Runnable::run);
        cache.token();
        return cache;
    }

    /**
     * A cache on the system clock and real timers that fetches from {@code source} on
     * {@code fetchExecutor}, refreshing as {@code refresh} says; the rest are the production defaults.
     */
    static TokenCache cache(TokenSource source, RefreshPolicy refresh, Executor fetchExecutor) {
        CachePolicy defaults = AiobSettings.from(config(Map.of())).cachePolicy();
        return cache(source, new CachePolicy(refresh, defaults.failureBackoff(), defaults.maxWait(),
                defaults.minForcedRefresh()), fetchExecutor);
    }

    private static TokenCache cache(TokenSource source, CachePolicy policy, Executor fetchExecutor) {
        return new TokenCache(source, policy, fetchExecutor, SCHEDULER, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), TokenEvents.NONE);
    }

    /**
     * A cache with the production defaults that shares its token through the JCache store, on a
     * Hazelcast member started in this JVM (alone in a cluster of its own), holding a FRESH 30-day
     * {@code token} that it published there: as a server of a cluster holds it.
     */
    static SharedCache freshSharedCache(String token) {
        com.hazelcast.config.Config config = new com.hazelcast.config.Config()
                .setClusterName("aiob-bench-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        CacheManager manager = Caching.getCachingProvider("com.hazelcast.cache.HazelcastMemberCachingProvider")
                .getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(member));
        Map<String, String> keys = Map.of(AiobConfigKeys.URL, AIOB_URL.toString(), AiobConfigKeys.TOKEN_STORE,
                "jcache", AiobConfigKeys.ACCESS_KEY, "bench-access-key", AiobConfigKeys.SECRET_KEY, "bench-secret-key");
        AiobSettings settings = AiobSettings.from(config(keys));
        AiobSettings.Store store = settings.store();
        JCacheTokenStore jcache = new JCacheTokenStore(manager, "grants", "leases", store.lease(), manager::close);
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bench-token-store");
            thread.setDaemon(true);
            return thread;
        });
        BoundedTokenStore bounded = new BoundedTokenStore(() -> jcache, executor, store.timeout(), store.openTimeout(),
                Duration.ofSeconds(5), Clock.systemUTC(), TokenEvents.NONE);
        bounded.open();
        TokenSharing sharing = new TokenSharing(bounded,
                () -> new TokenGrant(token, Duration.ofMinutes(THIRTY_DAYS_IN_MINUTES)), settings,
                () -> AiobSettings.credentials(config(keys)), SCHEDULER, Clock.systemUTC(), TokenEvents.NONE);
        Wiring wiring = Wiring.shared(settings, sharing, executor, SCHEDULER, TokenEvents.NONE);
        wiring.cache().token();
        return new SharedCache(wiring.cache(), () -> {
            wiring.close();
            executor.shutdownNow();
            member.shutdown();
        });
    }

    /** A cache that shares its token, and what stops its store and member. */
    record SharedCache(TokenCache cache, Runnable close) {
    }

    /**
     * The real filter over the real {@link AiobTokenProvider}, wired outside CDI to answer for
     * {@link #AIOB_URL}, holding a FRESH 30-day {@code token}.
     *
     * <p>The provider gets by reflection the {@link Wiring} it would build on first use, with a
     * token source that answers {@code token} without any I/O instead of the getToken client.
     * Everything from the filter down to the cache runs as in production but for the CDI client
     * proxy in front of the provider.
     */
    static AiobAuthFilter freshFilter(String token) {
        AiobSettings settings = AiobSettings.from(config(Map.of(AiobConfigKeys.URL, AIOB_URL.toString())));
        Wiring wiring = Wiring.of(settings, () -> new TokenGrant(token, Duration.ofMinutes(THIRTY_DAYS_IN_MINUTES)),
                Runnable::run, SCHEDULER, TokenEvents.NONE);
        AiobTokenProvider provider = new AiobTokenProvider();
        try {
            Field field = AiobTokenProvider.class.getDeclaredField("wiring");
            field.setAccessible(true);
            field.set(provider, wiring);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AiobTokenProvider.wiring changed: adapt " + Ours.class, e);
        }
        provider.token();
        return new AiobAuthFilter(provider);
    }

    /** A MicroProfile Config that answers String lookups from {@code values}, and nothing else. */
    private static Config config(Map<String, String> values) {
        return Stubs.answering(Config.class, Map.of("getOptionalValue",
                args -> args[1] == String.class ? Optional.ofNullable(values.get((String) args[0])) : Optional.empty()));
    }
}
