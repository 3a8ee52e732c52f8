package io.github.aiobmp.bench;

import java.io.Closeable;
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

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientBuilderResolver;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobSettings;
import io.github.aiobmp.auth.AiobTokenClient;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.Backoff;
import io.github.aiobmp.auth.CachePolicy;
import io.github.aiobmp.auth.RefreshPolicy;
import io.github.aiobmp.auth.Scheduler;
import io.github.aiobmp.auth.TokenCache;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenFetcher;
import io.github.aiobmp.auth.TokenGrant;
import io.github.aiobmp.auth.TokenResponse;
import io.github.aiobmp.auth.TokenSource;

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
     * <p>The provider gets by reflection what CDI would inject; its getToken client comes from a
     * stub {@link RestClientBuilderResolver} and answers {@code token} without any I/O. Everything
     * from the filter down to the cache runs as in production but for the CDI client proxy in
     * front of the provider.
     */
    static AiobAuthFilter freshFilter(String token) {
        RestClientBuilderResolver.setInstance(new RestClientBuilderResolver() {
            @Override
            public RestClientBuilder newBuilder() {
                return tokenClientBuilder(token);
            }
        });
        AiobTokenProvider provider = new AiobTokenProvider();
        inject(provider, "config", config(Map.of(
                AiobConfigKeys.URL, AIOB_URL.toString(),
                AiobConfigKeys.ACCESS_KEY, "bench-access-key",
                AiobConfigKeys.SECRET_KEY, "bench-secret-key")));
        inject(provider, "executor", Stubs.answering(ManagedExecutorService.class, Map.of("execute", args -> {
            ((Runnable) args[0]).run();
            return null;
        })));
        inject(provider, "scheduler", Stubs.answering(ManagedScheduledExecutorService.class, Map.of(
                "schedule", args -> TIMERS.schedule((Runnable) args[0], (Long) args[1], (TimeUnit) args[2]),
                "scheduleWithFixedDelay", args -> TIMERS.scheduleWithFixedDelay((Runnable) args[0], (Long) args[1],
                        (Long) args[2], (TimeUnit) args[3]))));
        inject(provider, "events", Stubs.answering(Instance.class, Map.of("isResolvable", args -> false)));
        inject(provider, "fetcher", new TokenFetcher());
        provider.token();
        return new AiobAuthFilter(provider);
    }

    /** A MicroProfile Config that answers String lookups from {@code values}, and nothing else. */
    private static Config config(Map<String, String> values) {
        return Stubs.answering(Config.class, Map.of("getOptionalValue",
                args -> args[1] == String.class ? Optional.ofNullable(values.get((String) args[0])) : Optional.empty()));
    }

    private static RestClientBuilder tokenClientBuilder(String token) {
        TokenResponse granted = new TokenResponse(System.currentTimeMillis(), 200, "OK",
                new TokenResponse.TokenData(1L, "bench", token, THIRTY_DAYS_IN_MINUTES));
        AiobTokenClient client = Stubs.answering(AiobTokenClient.class,
                Map.of("getToken", args -> granted, "close", args -> null), Closeable.class);
        RestClientBuilder[] builder = new RestClientBuilder[1];
        builder[0] = Stubs.answering(RestClientBuilder.class, Map.of(
                "baseUri", args -> builder[0],
                "connectTimeout", args -> builder[0],
                "readTimeout", args -> builder[0],
                "followRedirects", args -> builder[0],
                "build", args -> client));
        return builder[0];
    }

    private static void inject(AiobTokenProvider provider, String fieldName, Object value) {
        try {
            Field field = AiobTokenProvider.class.getDeclaredField(fieldName);
            field.setAccessible(true);
            field.set(provider, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AiobTokenProvider." + fieldName + " changed: adapt " + Ours.class, e);
        }
    }
}
