package io.github.aiobmp.bench;

import java.lang.reflect.Field;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;

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
import io.github.aiobmp.auth.internal.wiring.Wiring;

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
