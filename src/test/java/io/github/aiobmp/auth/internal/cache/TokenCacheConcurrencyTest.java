package io.github.aiobmp.auth.internal.cache;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;

/** Verifies that concurrent callers share one fetch and that a caller never waits longer than maxWait. */
class TokenCacheConcurrencyTest {

    private static final int CALLERS = 32;
    private static final Duration DEADLINE = ofSeconds(10);
    /** The default forced-refresh interval; the fake clock stands still, so it never runs out in a test. */
    private static final Duration REAUTH_INTERVAL = ofSeconds(1);

    private final FakeClock clock = new FakeClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final FakeTokenSource source = new FakeTokenSource(ofMinutes(60));
    private final RefreshPolicy policy = new RefreshPolicy(ofMinutes(5), ZERO, ofMinutes(1));
    private final ExecutorService fetchExecutor = Executors.newSingleThreadExecutor();
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    private TokenCache cache(Duration maxWait) {
        return cache(maxWait, ZERO);
    }

    private TokenCache cache(Duration maxWait, Duration minForcedRefresh) {
        return new TokenCache(source, new CachePolicy(policy, new Backoff(ofSeconds(1), ofSeconds(1)), maxWait,
                minForcedRefresh), fetchExecutor, clock, clock, () -> 0.0, TokenEvents.NONE);
    }

    @AfterEach
    void shutDown() {
        callers.shutdownNow();
        fetchExecutor.shutdownNow();
    }

    @Test
    void concurrentCallersOnEmptyCache_allWaitOnOneFetch_andGetTheSameToken() throws Exception {
        TokenCache cache = cache(ofSeconds(30));
        AtomicBoolean allWereWaiting = new AtomicBoolean();
        // The fetch answers only once every caller is provably waiting on it.
        source.duringFetch(() -> allWereWaiting.set(waitUntil(() -> cache.waitingCallers() == CALLERS)));
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        Callable<String> caller = () -> {
            start.await();
            return cache.token();
        };

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(callers.submit(caller));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> result : results) {
            tokens.add(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }

        assertTrue(allWereWaiting.get(), "not all " + CALLERS + " callers were waiting within " + DEADLINE
                + "; saw " + cache.waitingCallers());
        assertEquals(1, source.fetches());
        assertEquals(List.of("token-1"), tokens.stream().distinct().toList());
        assertEquals(0, cache.waitingCallers());
    }

    @Test
    void tokenBecomingUnusableWhileItsRefreshIsPutOff_everyCallerWaitsOnOneFetch_andGetsItsToken() throws Exception {
        TokenCache cache = cache(ofSeconds(30));
        assertEquals("token-1", cache.token());
        source.deferRefreshes(ofMinutes(10)); // the store does not answer: the refresh waits for it
        clock.advance(ofMinutes(54)); // STALE: put off until the token is unusable, at 59:00
        // Put off and handled: the retry's timer is set (counted before it is, the deferral proves less).
        assertTrue(waitUntil(() -> source.deferrals() == 1 && clock.pendingTimers() == 1), "the refresh was not put off");
        AtomicBoolean allWereWaiting = new AtomicBoolean();
        // The fetch the put-off refresh becomes answers only once every caller is provably waiting on it.
        source.duringFetch(() -> allWereWaiting.set(waitUntil(() -> cache.waitingCallers() == CALLERS)));
        clock.advance(ofMinutes(5)); // unusable: the retry finds no token to keep and fetches
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        Callable<String> caller = () -> {
            start.await();
            return cache.token();
        };

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(callers.submit(caller));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> result : results) {
            tokens.add(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }

        assertTrue(allWereWaiting.get(), "not all " + CALLERS + " callers were waiting within " + DEADLINE
                + "; saw " + cache.waitingCallers());
        assertEquals(2, source.deferrals());
        assertEquals(2, source.fetches(), "one fetch for every caller");
        assertEquals(List.of("token-2"), tokens.stream().distinct().toList());
    }

    @Test
    void slowFetch_failsTheCallerAfterMaxWait_andItsResultServesTheNextCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        source.duringFetch(() -> awaitQuietly(release));
        TokenCache cache = cache(ofMillis(200));

        long started = System.nanoTime();
        AiobUnavailableException thrown = assertThrows(AiobUnavailableException.class, cache::token);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(thrown.getMessage().contains(AiobConfigKeys.MAX_WAIT), thrown.getMessage());
        assertTrue(elapsed.compareTo(ofMillis(200)) >= 0, "gave up early, after " + elapsed);
        assertTrue(elapsed.compareTo(ofSeconds(5)) < 0, "gave up late, after " + elapsed);
        assertEquals(0, cache.waitingCallers());

        release.countDown();
        fetchExecutor.shutdown();
        assertTrue(fetchExecutor.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the fetch did not finish");
        assertEquals("token-1", cache.token());
        assertEquals(1, source.fetches());
    }

    @Test
    void burstRejectedOnOneToken_dropsItOnce_sharesOneReplacementFetch_andEveryCallerGetsTheNewToken()
            throws Exception {
        TokenCache cache = cache(ofSeconds(30), REAUTH_INTERVAL);
        cache.token();
        AtomicBoolean allWereWaiting = new AtomicBoolean();
        source.duringFetch(() -> allWereWaiting.set(waitUntil(() -> cache.waitingCallers() == CALLERS)));

        List<String> outcomes = rejectedAtOnce(cache);

        assertTrue(allWereWaiting.get(), "not all callers were waiting on the replacement; saw " + cache.waitingCallers());
        assertEquals(1, outcomes.stream().filter("DROPPED, resent with token-2"::equals).count(), outcomes.toString());
        assertEquals(CALLERS - 1, outcomes.stream().filter("ALREADY_REPLACED, resent with token-2"::equals).count(),
                outcomes.toString());
        assertEquals(2, source.fetches(), "one replacement for the whole burst");
    }

    @Test
    void burstRejectedOnOneToken_whenTheReplacementFetchFails_everyCallerGetsThatFailure() throws Exception {
        TokenCache cache = cache(ofSeconds(30), REAUTH_INTERVAL);
        cache.token();
        source.failNextFetchWith(new AiobCredentialsRejectedException(401, "accessKey or secretKey is invalid",
                "AIOB refused the credentials")).duringFetch(() -> waitUntil(() -> cache.waitingCallers() == CALLERS));

        List<String> outcomes = rejectedAtOnce(cache);

        assertEquals(List.of("AiobCredentialsRejectedException: AIOB refused the credentials"),
                outcomes.stream().distinct().toList());
        assertEquals(2, source.fetches());
    }

    @Test
    void burstRejectedOnOneToken_whenTheReplacementOutlastsMaxWait_failsNamingIt_andItsTokenServesTheNextCall()
            throws Exception {
        TokenCache cache = cache(ofMillis(300), REAUTH_INTERVAL);
        cache.token();
        CountDownLatch release = new CountDownLatch(1);
        source.duringFetch(() -> awaitQuietly(release));

        List<String> outcomes = rejectedAtOnce(cache);

        assertEquals(List.of("AiobUnavailableException: No AIOB token within 300 ms (" + AiobConfigKeys.MAX_WAIT
                + "): the token endpoint is slow or unreachable"), outcomes.stream().distinct().toList());
        release.countDown();
        fetchExecutor.shutdown();
        assertTrue(fetchExecutor.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the fetch did not finish");
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    /**
     * Has {@link #CALLERS} threads, released together, do what a rejected call does: invalidate
     * token-1, then get the token to resend with unless rate-limited. Returns what each saw.
     */
    private List<String> rejectedAtOnce(TokenCache cache) throws Exception {
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(callers.submit(() -> {
                start.await();
                TokenInvalidation outcome = cache.invalidate("token-1");
                if (!outcome.resendMayHelp()) {
                    return outcome.name();
                }
                try {
                    return outcome + ", resent with " + cache.token();
                } catch (AiobException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        return outcomes;
    }

    /** Polls {@code condition} until it holds or {@link #DEADLINE} passes; returns whether it held. */
    private static boolean waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
