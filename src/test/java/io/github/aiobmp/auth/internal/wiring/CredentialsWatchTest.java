package io.github.aiobmp.auth.internal.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.Stubs;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.internal.cache.Backoff;
import io.github.aiobmp.auth.internal.cache.CachePolicy;
import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;

/**
 * Verifies that the credentials watch drops the token once the keys change, keeps checking after a
 * check that threw, and never checks again once stopped.
 */
class CredentialsWatchTest {

    private final Map<String, String> values = new ConcurrentHashMap<>(Map.of(
            AiobConfigKeys.ACCESS_KEY, "ak-1", AiobConfigKeys.SECRET_KEY, "sk-1"));
    private final AtomicBoolean configFails = new AtomicBoolean();
    private final Config config = Stubs.answering(Config.class, Map.of("getOptionalValue", args -> {
        if (configFails.get()) {
            throw new IllegalStateException("the config source is down");
        }
        return Optional.ofNullable(values.get((String) args[0]));
    }));
    /** The timers asked for, run when the test says. */
    private final List<Runnable> timers = new ArrayList<>();
    private final List<CompletableFuture<Void>> handles = new ArrayList<>();
    private final Scheduler scheduler = (task, delay) -> {
        timers.add(task);
        CompletableFuture<Void> handle = new CompletableFuture<>();
        handles.add(handle);
        return handle;
    };
    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenCache cache = new TokenCache(
            () -> new TokenGrant("token-" + fetches.incrementAndGet(), Duration.ofMinutes(60)),
            new CachePolicy(new RefreshPolicy(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(1)),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofSeconds(5), Duration.ZERO),
            Runnable::run, (task, delay) -> new CompletableFuture<>(), Clock.systemUTC(), () -> 0.0, TokenEvents.NONE);
    private final CredentialsWatch watch = new CredentialsWatch(config);

    @Test
    void changedKeys_dropTheToken_atTheNextCheck() {
        watch.credentialsForNextRequest();
        cache.token();
        watch.start(cache, scheduler, Duration.ofSeconds(5));

        values.put(AiobConfigKeys.SECRET_KEY, "sk-2");
        runLatestTimer();

        assertEquals(TokenState.NONE, cache.status().state());
        assertEquals(2, timers.size(), "the next check is scheduled");
    }

    @Test
    void aCheckThatThrows_isFollowedByTheNextOne() {
        watch.credentialsForNextRequest();
        cache.token();
        watch.start(cache, scheduler, Duration.ofSeconds(5));

        configFails.set(true);
        runLatestTimer();
        configFails.set(false);
        values.put(AiobConfigKeys.ACCESS_KEY, "ak-2");
        runLatestTimer();

        assertEquals(3, timers.size());
        assertEquals(TokenState.NONE, cache.status().state(), "the check after the failure saw the change");
    }

    @Test
    void stopped_cancelsThePendingCheck_andAStrayOneDoesNothing() {
        watch.credentialsForNextRequest();
        cache.token();
        watch.start(cache, scheduler, Duration.ofSeconds(5));

        watch.stop();
        values.put(AiobConfigKeys.ACCESS_KEY, "ak-2");
        runLatestTimer(); // as if the timer had already started when stop() came

        assertTrue(handles.get(0).isCancelled());
        assertEquals(1, timers.size(), "no check scheduled after stop");
        assertEquals(TokenState.FRESH, cache.status().state(), "nothing dropped after stop");
    }

    @Test
    void zeroInterval_schedulesNothing() {
        watch.start(cache, scheduler, Duration.ZERO);

        assertEquals(List.of(), timers);
    }

    private void runLatestTimer() {
        timers.get(timers.size() - 1).run();
    }
}
