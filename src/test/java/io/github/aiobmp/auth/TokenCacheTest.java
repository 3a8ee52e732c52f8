package io.github.aiobmp.auth;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofNanos;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

/** Verifies that TokenCache serves, refreshes, expires and drops tokens as the fake clock moves. */
class TokenCacheTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    /** Refresh 5 min ahead, no jitter, stop sending 1 min before expiry: a 60-min token is STALE at 54:00, EXPIRED at 59:00. */
    private static final RefreshPolicy POLICY = new RefreshPolicy(ofMinutes(5), ZERO, ofMinutes(1));
    /** The production defaults (300 s ahead, 60 s margin) without jitter. */
    private static final RefreshPolicy DEFAULT_POLICY = new RefreshPolicy(ofSeconds(300), ZERO, ofSeconds(60));
    private static final Duration MAX_WAIT = ofSeconds(5);

    private final FakeClock clock = new FakeClock(START);
    private final FakeTokenSource source = new FakeTokenSource(ofMinutes(60));
    private final ManualExecutor executor = new ManualExecutor();

    private TokenCache cache(TokenSource tokenSource, RefreshPolicy policy, Executor fetchExecutor) {
        return new TokenCache(tokenSource, policy, MAX_WAIT, fetchExecutor, clock, () -> 0.0);
    }

    private TokenCache cache() {
        return cache(source, POLICY, executor);
    }

    @Test
    void firstCall_fetchesOnce_laterFreshCallsReuseTheToken() {
        TokenCache cache = cache();

        assertEquals("token-1", cache.token());
        clock.advance(ofMinutes(30));
        assertEquals("token-1", cache.token());
        assertEquals("token-1", cache.token());

        assertEquals(1, source.fetches());
        assertEquals(TokenState.FRESH, cache.status().state());
    }

    @Test
    void emptyCache_reportsNoneWithoutFetching() {
        TokenCache cache = cache();

        assertEquals(TokenStatus.NONE, cache.status());
        assertEquals(0, source.fetches());
    }

    @Test
    void expiresTimeInMinutes_keepsTokenForThirtyDaysNotTwelveHours() {
        // AIOB's expiresTime 43200 means minutes (30 days); read as seconds it would be 12 hours.
        FakeTokenSource thirtyDays = new FakeTokenSource(ofMinutes(43200));
        TokenCache cache = cache(thirtyDays, DEFAULT_POLICY, executor);
        cache.token();

        clock.advance(ofSeconds(43200));
        assertEquals(TokenState.FRESH, cache.status().state());
        clock.advance(Duration.ofDays(29).minusSeconds(43200));
        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals("token-1", cache.token());

        assertEquals(1, thirtyDays.fetches());
        assertEquals(START.plus(Duration.ofDays(30)), cache.status().expiresAt());
    }

    @Test
    void lifetime_countsFromWhenTheRequestWasSent_notWhenTheAnswerArrived() {
        source.duringFetch(() -> clock.advance(ofSeconds(7))); // a slow getToken
        TokenCache cache = cache();

        cache.token();

        assertEquals(START.plusSeconds(7), clock.instant());
        assertEquals(START.plus(ofMinutes(60)), cache.status().expiresAt());
    }

    @Test
    void token_staysFreshUntilTheRefreshAheadWindowOpens() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();

        clock.advance(ofMinutes(53).plusSeconds(59));

        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals("token-1", cache.token());
        assertEquals(0, executor.queued());
        assertEquals(1, source.fetches());
    }

    @Test
    void staleToken_isServedWhileOneBackgroundRefreshRuns() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();

        clock.advance(ofMinutes(54)); // 60 min - 1 min margin - 5 min ahead

        assertEquals(TokenState.STALE, cache.status().state());
        assertEquals("token-1", cache.token());
        assertEquals(1, executor.queued());
        assertEquals("token-1", cache.token());
        assertEquals("token-1", cache.token());
        assertEquals(1, executor.queued(), "later STALE callers join the queued refresh");
        assertEquals(1, source.fetches(), "the refresh has not run yet");
    }

    @Test
    void backgroundRefresh_replacesStaleTokenWithAFreshOne() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(54));
        cache.token();

        executor.runQueued();

        assertEquals(2, source.fetches());
        assertEquals("token-2", cache.token());
        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals(START.plus(ofMinutes(54 + 60)), cache.status().expiresAt());
    }

    @Test
    void expiredToken_isNeverReturned_callerWaitsForTheNewOne() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();

        clock.advance(ofMinutes(59)); // expiry - margin

        assertEquals(TokenState.EXPIRED, cache.status().state());
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void tokenPastServerExpiry_isNeverReturned_callerWaitsForTheNewOne() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();

        clock.advance(ofMinutes(61));

        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void expiredToken_whoseRefreshHasNotRun_failsTheCallerRatherThanBeingReturned() {
        TokenCache cache = new TokenCache(source, POLICY, ofMillis(50), executor, clock, () -> 0.0);
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(59));

        assertThrows(AiobUnavailableException.class, cache::token);
        assertEquals(1, executor.queued());
    }

    @Test
    void shortLivedToken_changesStateAtTheCappedBoundariesExactly() {
        // 2-min token: margin 60 s capped to 30 s (a quarter), ahead 300 s capped to 60 s (half),
        // so STALE from 0:30 and EXPIRED from 1:30.
        FakeTokenSource twoMinutes = new FakeTokenSource(ofMinutes(2));
        TokenCache cache = cache(twoMinutes, DEFAULT_POLICY, executor);
        cache.token();
        executor.startQueueing();

        clock.advance(ofSeconds(30).minusNanos(1));
        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals("token-1", cache.token());
        assertEquals(0, executor.queued());

        clock.advance(ofNanos(1));
        assertEquals(TokenState.STALE, cache.status().state());
        assertEquals("token-1", cache.token());
        assertEquals(1, executor.queued());

        clock.advance(ofSeconds(60).minusNanos(1));
        assertEquals(TokenState.STALE, cache.status().state());
        assertEquals("token-1", cache.token());

        clock.advance(ofNanos(1));
        assertEquals(TokenState.EXPIRED, cache.status().state());
        executor.runQueued();
        assertEquals("token-2", cache.token());
        assertEquals(2, twoMinutes.fetches());
    }

    @Test
    void invalidatingAReplacedToken_keepsItsReplacement() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(54));
        cache.token();
        executor.runQueued();

        assertFalse(cache.invalidate("token-1"));

        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void invalidatingTheCurrentToken_dropsIt_andTheNextCallFetches() {
        TokenCache cache = cache();
        cache.token();

        assertTrue(cache.invalidate("token-1"));

        assertEquals(TokenStatus.NONE, cache.status());
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void invalidatingAnUnknownToken_onEmptyCache_returnsFalse() {
        assertFalse(cache().invalidate("token-1"));
    }

    @Test
    void rejectedCredentials_reachTheCallerUnchanged_andTheNextCallFetchesAgain() {
        AiobCredentialsRejectedException rejected = new AiobCredentialsRejectedException(401, "bad key", "refused");
        source.failNextFetchWith(rejected);
        TokenCache cache = cache();

        AiobCredentialsRejectedException thrown = assertThrows(AiobCredentialsRejectedException.class, cache::token);

        assertSame(rejected, thrown);
        assertEquals(401, thrown.code());
        assertEquals(TokenStatus.NONE, cache.status());
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void unexpectedSourceFailure_becomesUnavailableWithTheCause() {
        IllegalStateException bug = new IllegalStateException("boom");
        source.failNextFetchWith(bug);
        TokenCache cache = cache();

        AiobUnavailableException thrown = assertThrows(AiobUnavailableException.class, cache::token);

        assertSame(bug, thrown.getCause());
    }

    @Test
    void failedBackgroundRefresh_keepsServingTheStaleToken_andTheNextCallerRetries() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(55));
        source.failNextFetchWith(new AiobUnavailableException("down"));
        cache.token();

        executor.runQueued();

        assertEquals(2, source.fetches());
        assertEquals("token-1", cache.token());
        assertEquals(1, executor.queued(), "a new refresh was started after the failed one");
        executor.runQueued();
        assertEquals("token-3", cache.token());
    }

    @Test
    void rejectedExecution_becomesUnavailable() {
        Executor rejecting = task -> {
            throw new RejectedExecutionException("executor shut down");
        };
        TokenCache cache = cache(source, POLICY, rejecting);

        AiobUnavailableException thrown = assertThrows(AiobUnavailableException.class, cache::token);

        assertTrue(thrown.getMessage().contains("could not be scheduled"), thrown.getMessage());
        assertEquals(0, source.fetches());
    }

    @Test
    void rejectedBackgroundRefresh_stillServesTheStaleToken() {
        boolean[] reject = {false};
        Executor sometimesRejecting = task -> {
            if (reject[0]) {
                throw new RejectedExecutionException("executor shut down");
            }
            task.run();
        };
        TokenCache cache = cache(source, POLICY, sometimesRejecting);
        cache.token();
        reject[0] = true;
        clock.advance(ofMinutes(55));

        assertEquals("token-1", cache.token());
        assertEquals(1, source.fetches());
    }

    @Test
    void status_showsStateExpiryAndFingerprint() {
        TokenCache cache = cache();
        cache.token();

        TokenStatus status = cache.status();

        assertEquals(new TokenStatus(TokenState.FRESH, START.plus(ofMinutes(60)), Fingerprint.of("token-1")), status);
    }

    @Test
    void veryLongMaxWait_isAcceptedAndHonoured() {
        TokenCache cache = new TokenCache(source, POLICY, ofMillis(Long.MAX_VALUE), Runnable::run, clock, () -> 0.0);

        assertEquals("token-1", cache.token());
    }

    @Test
    void nonPositiveMaxWait_isRejected() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new TokenCache(source, POLICY, ZERO, executor, clock, () -> 0.0));

        assertTrue(thrown.getMessage().contains("maxWait"), thrown.getMessage());
    }

    @Test
    void badResponse_reachesTheCaller_andLeavesNoCallerWaiting() {
        source.failNextFetchWith(new AiobBadResponseException("garbage"));
        TokenCache cache = cache();

        assertInstanceOf(AiobBadResponseException.class, assertThrows(AiobException.class, cache::token));
        assertEquals(0, cache.waitingCallers());
    }
}
