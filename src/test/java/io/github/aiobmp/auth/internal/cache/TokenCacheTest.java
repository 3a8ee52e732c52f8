package io.github.aiobmp.auth.internal.cache;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobClusterSplitException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.TokenStatus;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.testing.LogRecorder;

/** Verifies that TokenCache serves, refreshes, expires and drops tokens as the fake clock moves. */
class TokenCacheTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    /** Refresh 5 min ahead, no jitter, stop sending 1 min before expiry: a 60-min token is STALE at 54:00, EXPIRED at 59:00. */
    private static final RefreshPolicy POLICY = new RefreshPolicy(ofMinutes(5), ZERO, ofMinutes(1));
    /** The production defaults (300 s ahead, 60 s margin) without jitter. */
    private static final RefreshPolicy DEFAULT_POLICY = new RefreshPolicy(ofSeconds(300), ZERO, ofSeconds(60));
    private static final Duration MAX_WAIT = ofSeconds(5);
    /** With random 0 each wait is half its step: 1 s, 2 s, 4 s … up to 30 s. */
    private static final Backoff BACKOFF = new Backoff(ofSeconds(2), ofSeconds(60));
    private static final Duration MIN_FORCED_REFRESH = ofSeconds(10);

    private final FakeClock clock = new FakeClock(START);
    private final FakeTokenSource source = new FakeTokenSource(ofMinutes(60));
    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    /** Records what the cache reports. */
    private final TokenEvents events = new TokenEvents() {
        @Override
        public void fetched(FetchOutcome outcome, Duration took) {
            reported.add("fetched"); // getToken's to report, never the cache's
        }

        @Override
        public void callerWaited() {
            reported.add("waited");
        }

        @Override
        public void reauthenticated() {
            reported.add("reauthenticated");
        }
    };

    private TokenCache cache(TokenSource tokenSource, RefreshPolicy policy, Executor fetchExecutor) {
        return cache(tokenSource, policy, MAX_WAIT, fetchExecutor);
    }

    private TokenCache cache(TokenSource tokenSource, RefreshPolicy policy, Duration maxWait, Executor fetchExecutor) {
        return new TokenCache(tokenSource, new CachePolicy(policy, BACKOFF, maxWait, MIN_FORCED_REFRESH),
                fetchExecutor, clock, clock, () -> 0.0, events);
    }

    /** A cache whose scheduler refuses every timer, as when the application is stopping. */
    private TokenCache cacheWithoutTimers() {
        return new TokenCache(source, new CachePolicy(POLICY, BACKOFF, MAX_WAIT, MIN_FORCED_REFRESH), Runnable::run,
                (task, delay) -> {
                    throw new RejectedExecutionException("shutting down");
                }, clock, () -> 0.0, events);
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
    void freshToken_isServedWithoutReadingTheClock_untilTheRefreshTimer() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(53).plusSeconds(59));

        long reads = clock.reads();
        assertEquals("token-1", cache.token());
        assertEquals("token-1", cache.token());
        assertEquals(reads, clock.reads(), "the FRESH path is one volatile read");

        clock.advance(ofSeconds(1)); // the refresh timer at 54:00 ends the fast path
        reads = clock.reads();
        assertEquals("token-1", cache.token());
        assertTrue(clock.reads() > reads, "a STALE token is checked against the clock");
    }

    @Test
    void withoutRefreshAhead_theFastPathEndsTheTimerGuardBeforeTheTokenIsUnusable() {
        // With no refresh ahead and no margin, a timer at the expiry running a little late would
        // let the expired token out: the fast path ends TIMER_GUARD (1 s) earlier instead.
        TokenCache cache = cache(source, new RefreshPolicy(ZERO, ZERO, ZERO), executor);
        cache.token();
        executor.startQueueing();

        clock.advance(ofMinutes(60).minus(AccessToken.TIMER_GUARD).minusNanos(1));
        long reads = clock.reads();
        assertEquals("token-1", cache.token());
        assertEquals(reads, clock.reads());

        clock.advance(ofNanos(1)); // the guard's timer: callers now read the clock, no refresh yet
        reads = clock.reads();
        assertEquals("token-1", cache.token());
        assertTrue(clock.reads() > reads);
        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals(0, executor.queued());

        clock.advance(AccessToken.TIMER_GUARD); // the expiry: the refresh timer starts the fetch
        assertEquals(1, executor.queued());
        executor.runQueued();
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
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
    void tokenAdoptedWhileARefreshRuns_isKept_whenNewerThanTheRefreshResult() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(54));
        cache.token();
        // Another server publishes a token it asked for after this refresh was sent, while the refresh is still out.
        source.duringFetch(() -> {
            clock.advance(ofSeconds(1));
            assertTrue(cache.adopt(new TokenGrant("adopted", ofMinutes(60), clock.instant(), "server-b")));
        });

        executor.runQueued();

        assertEquals(2, source.fetches());
        assertEquals("adopted", cache.token(), "the refresh's older token replaced the adopted one");
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
    void expiredToken_isNeverReturned_evenWhenNoTimerRan_callerWaitsForTheNewOne() {
        TokenCache cache = cacheWithoutTimers();
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
        TokenCache cache = cache(source, POLICY, ofMillis(50), executor);
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

        assertEquals(TokenInvalidation.ALREADY_REPLACED, cache.invalidate("token-1"));

        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void invalidatingTheCurrentToken_dropsIt_andTheNextCallFetches() {
        TokenCache cache = cache();
        cache.token();

        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-1"));

        assertEquals(TokenStatus.NONE, cache.status());
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void rejectionAfterAFailedBackgroundRefresh_forcesARealFetch_notTheRememberedFailure() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        source.failNextFetchWith(new AiobUnavailableException("getToken timed out"));
        clock.advance(ofMinutes(54)); // the refresh timer runs the refresh, which fails
        assertEquals(2, source.fetches());
        assertEquals("token-1", cache.token(), "still served during the backoff");

        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-1"));

        assertEquals("token-3", cache.token());
        assertEquals(3, source.fetches());
    }

    @Test
    void invalidatingAnUnknownToken_onEmptyCache_saysItWasAlreadyReplaced() {
        assertEquals(TokenInvalidation.ALREADY_REPLACED, cache().invalidate("token-1"));
    }

    @Test
    void rejectedCredentials_reachEveryCallerOfABurst_fromOneFetch_untilTheBackoffEnds() {
        AiobCredentialsRejectedException rejected = new AiobCredentialsRejectedException(401, "bad key", "refused");
        source.failNextFetchWith(rejected);
        TokenCache cache = cache();

        for (int call = 0; call < 1000; call++) {
            assertSame(rejected, assertThrows(AiobCredentialsRejectedException.class, cache::token));
            clock.advance(ofNanos(999_999)); // the burst spreads over the first second's backoff
        }
        assertEquals(1, source.fetches(), "one getToken for the whole burst");
        assertEquals(TokenStatus.NONE, cache.status());

        clock.advance(ofSeconds(1));
        assertEquals("token-2", cache.token());
        assertEquals(2, source.fetches());
    }

    @Test
    void consecutiveFailures_doubleTheBackoff_andASuccessResetsIt() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        for (int i = 0; i < 3; i++) {
            source.failNextFetchWith(new AiobUnavailableException("down " + i));
        }

        assertThrows(AiobUnavailableException.class, cache::token);
        clock.advance(ofSeconds(1).minusNanos(1));
        assertThrows(AiobUnavailableException.class, cache::token);
        assertEquals(1, source.fetches(), "still within the first backoff (1 s)");
        clock.advance(ofNanos(1));
        assertThrows(AiobUnavailableException.class, cache::token);
        assertEquals(2, source.fetches());
        clock.advance(ofSeconds(2).minusNanos(1));
        assertThrows(AiobUnavailableException.class, cache::token);
        assertEquals(2, source.fetches(), "the second backoff is 2 s");
        clock.advance(ofNanos(1));
        assertThrows(AiobUnavailableException.class, cache::token);
        clock.advance(ofSeconds(4));
        assertEquals("token-4", cache.token());

        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-4"));
        source.failNextFetchWith(new AiobUnavailableException("down again"));
        assertThrows(AiobUnavailableException.class, cache::token);
        clock.advance(ofSeconds(1));
        assertEquals("token-6", cache.token(), "after a success the backoff starts again from 1 s");
    }

    @Test
    void badAnswer_isAnError_andTheNextCallAfterTheBackoffSucceeds() {
        source.failNextFetchWith(new AiobBadResponseException("getToken answered an HTML page"));
        TokenCache cache = cache(source, POLICY, Runnable::run);

        AiobBadResponseException thrown = assertThrows(AiobBadResponseException.class, cache::token);
        clock.advance(ofSeconds(1));

        assertTrue(thrown.getMessage().contains("HTML"), thrown.getMessage());
        assertEquals("token-2", cache.token());
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
    void failedBackgroundRefresh_keepsServingTheStaleToken_andRetriesAfterTheBackoff() {
        TokenCache cache = cache();
        cache.token();
        executor.startQueueing();
        clock.advance(ofMinutes(54)); // the refresh timer queues the refresh
        source.failNextFetchWith(new AiobUnavailableException("down"));

        executor.runQueued();

        assertEquals(2, source.fetches());
        assertEquals("token-1", cache.token());
        assertEquals(0, executor.queued(), "callers do not retry during the backoff");
        clock.advance(ofSeconds(1)); // the retry timer
        assertEquals(1, executor.queued());
        executor.runQueued();
        assertEquals("token-3", cache.token());
        assertEquals(TokenState.FRESH, cache.status().state());
    }

    @Test
    void failingRefreshes_backOffExponentially_whileTheTokenStaysUsable_andStopWhenItExpires() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        for (int i = 0; i < 1000; i++) {
            source.failNextFetchWith(new AiobUnavailableException("down " + i));
        }

        clock.advance(ofMinutes(54)); // refresh due: attempt 1 fails
        assertEquals(2, source.fetches());
        clock.advance(ofSeconds(1)); // attempt 2
        clock.advance(ofSeconds(2)); // attempt 3
        clock.advance(ofSeconds(4)); // attempt 4
        assertEquals(5, source.fetches());
        clock.advance(ofSeconds(8).minusNanos(1));
        assertEquals(5, source.fetches(), "the fifth attempt waits 8 s");
        assertEquals("token-1", cache.token(), "the old token is still good");

        clock.advance(ofMinutes(10)); // past expiry: 30 s steps until then
        long attempts = source.fetches();
        assertTrue(attempts < 5 + 5 * 60 / 30 + 2, "bounded by the 30 s step: " + attempts);
        assertThrows(AiobUnavailableException.class, cache::token);
        assertEquals(0, clock.pendingTimers(), "no timers once the token is gone; callers drive the retries");
    }

    @Test
    void deferredRefresh_servesTheTokenInHand_retriesAfterTheDeferral_andRemembersNoFailure() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        reported.clear(); // the first call waited for the first token
        source.deferRefreshes(ofSeconds(5));

        clock.advance(ofMinutes(54)); // refresh due: put off
        assertEquals(1, source.deferrals());
        for (int i = 0; i < 100; i++) {
            assertEquals("token-1", cache.token());
        }
        assertEquals(1, source.deferrals(), "STALE callers wait for the deferral's end, as for a backoff");
        assertEquals(1, source.fetches(), "no getToken while the refresh waits");

        clock.advance(ofSeconds(5)); // the retry: put off again
        assertEquals(2, source.deferrals());
        source.deferRefreshes(null);
        clock.advance(ofSeconds(5)); // the next retry fetches

        assertEquals(2, source.fetches());
        assertEquals("token-2", cache.token());
        assertEquals(TokenState.FRESH, cache.status().state());
        assertEquals(List.of(), reported, "no caller waited");
    }

    @Test
    void refreshDeferredUntilTheTokenIsUnusable_becomesAFetch_andNoCallerFails() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        reported.clear(); // the first call waited for the first token
        source.deferRefreshes(ofMinutes(10)); // longer than the 5 min the token stays usable

        clock.advance(ofMinutes(54));
        assertEquals(1, source.deferrals());
        clock.advance(ofMinutes(5).minusNanos(1));
        assertEquals("token-1", cache.token(), "usable until 59:00");
        assertEquals(1, source.fetches());

        clock.advance(ofNanos(1)); // unusable: the retry, due then, finds no token to keep and fetches

        assertEquals(2, source.deferrals());
        assertEquals(2, source.fetches());
        assertEquals("token-2", cache.token());
        assertEquals(List.of(), reported, "no caller waited");
    }

    @Test
    void callerOfAnExpiredToken_joinsADeferredRefresh_andGetsTheFetchedToken() throws Exception {
        TokenCache cache = cache();
        cache.token();
        source.deferRefreshes(ofMinutes(10));
        executor.startQueueing();
        clock.advance(ofMinutes(54)); // the refresh is queued, not run
        clock.advance(ofMinutes(5)); // and the token unusable before it runs

        CompletableFuture<String> caller = CompletableFuture.supplyAsync(cache::token);
        // The caller joins the flight in progress; the flight, put off, finds no usable token and fetches.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.waitingCallers() == 0) {
            assertTrue(System.nanoTime() < deadline, "the caller never waited for the flight");
            Thread.onSpinWait();
        }
        executor.runQueued();

        assertEquals("token-2", caller.get(10, TimeUnit.SECONDS));
        assertEquals(1, source.deferrals());
        assertEquals(2, source.fetches());
    }

    @Test
    void refusalsOfAYieldingServer_areNotWarnedOfAgain_itsStoreSaidSoOnce() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        source.failNextFetchWith(new AiobClusterSplitException("split (test)"))
                .failNextFetchWith(new AiobClusterSplitException("split (test)"));
        try (LogRecorder log = new LogRecorder(TokenCache.class)) {
            clock.advance(ofMinutes(54)); // the refresh is refused
            clock.advance(ofMinutes(5)); // and so is the fetch once the token is unusable
            assertThrows(AiobClusterSplitException.class, cache::token);

            assertEquals(3, source.fetches());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void refreshTimer_renewsTheTokenWithoutAnyCall() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();

        clock.advance(ofMinutes(54));

        assertEquals(2, source.fetches());
        assertEquals(new TokenStatus(TokenState.FRESH, START.plus(ofMinutes(54 + 60)), Fingerprint.of("token-2")),
                cache.status());
    }

    @Test
    void withoutATimer_theClockDecides_soAStaleTokenIsStillRefreshed() {
        TokenCache cache = cacheWithoutTimers();
        cache.token();

        clock.advance(ofMinutes(54));
        assertEquals(1, source.fetches(), "no timer ran");

        assertEquals("token-1", cache.token(), "STALE: served while the refresh runs");
        assertEquals(2, source.fetches());
        assertEquals("token-2", cache.token());
    }

    @Test
    void forcedRefreshes_areLimitedToOnePerMinimumInterval() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();

        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-1"));
        assertEquals("token-2", cache.token());
        clock.advance(MIN_FORCED_REFRESH.minusNanos(1));
        assertEquals(TokenInvalidation.RATE_LIMITED, cache.invalidate("token-2"),
                "too soon after the last forced refresh");
        assertEquals("token-2", cache.token());
        clock.advance(ofNanos(1));
        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-2"));
        assertEquals("token-3", cache.token());
        assertEquals(3, source.fetches());
    }

    @Test
    void rejectionsOfATokenAlreadyReplaced_areNotRateLimited_andCostNoFetch() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-1"));
        assertEquals("token-2", cache.token());

        // Calls that went out with token-1 before it was replaced come back rejected, within the interval.
        for (int i = 0; i < 10; i++) {
            assertEquals(TokenInvalidation.ALREADY_REPLACED, cache.invalidate("token-1"));
            assertEquals("token-2", cache.token());
        }

        assertEquals(2, source.fetches());
        assertEquals(1, reported.stream().filter("reauthenticated"::equals).count(), "one forced refresh: " + reported);
    }

    @Test
    void rejectionOfTheNewCurrentToken_withinTheInterval_isRateLimited_keepsIt_andCostsNoFetch() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        cache.invalidate("token-1");
        cache.token();

        assertEquals(TokenInvalidation.RATE_LIMITED, cache.invalidate("token-2"));

        assertEquals("token-2", cache.token(), "kept");
        assertEquals(2, source.fetches());
        assertFalse(TokenInvalidation.RATE_LIMITED.resendMayHelp());
    }

    @Test
    void reset_forgetsTokenAndFailure_soTheNextCallFetchesAtOnce() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();
        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-1"));
        source.failNextFetchWith(new AiobCredentialsRejectedException(401, "bad key", "refused"));
        assertThrows(AiobCredentialsRejectedException.class, cache::token);

        cache.reset();

        assertEquals(TokenStatus.NONE, cache.status());
        assertEquals("token-3", cache.token(), "no backoff after a reset");
        assertEquals(TokenInvalidation.DROPPED, cache.invalidate("token-3"), "nor a forced-refresh limit");
    }

    @Test
    void close_cancelsTheTimers_butStillServesTheToken() {
        TokenCache cache = cache(source, POLICY, Runnable::run);
        cache.token();

        cache.close();
        clock.advance(ofMinutes(55));

        assertEquals(0, clock.pendingTimers());
        assertEquals(1, source.fetches());
        assertEquals("token-1", cache.token());
        assertEquals(1, source.fetches(), "no refresh is started after close");
    }

    @Test
    void rejectedExecution_becomesUnavailable() {
        Executor rejecting = task -> {
            throw new RejectedExecutionException("executor shut down");
        };
        TokenCache cache = cache(source, POLICY, rejecting);

        AiobUnavailableException thrown = assertThrows(AiobUnavailableException.class, cache::token);

        assertTrue(thrown.getMessage().contains("could not be started"), thrown.getMessage());
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
        TokenCache cache = cache(source, POLICY, ofMillis(Long.MAX_VALUE), Runnable::run);

        assertEquals("token-1", cache.token());
    }

    @Test
    void nonPositiveMaxWait_isRejected() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new CachePolicy(POLICY, BACKOFF, ZERO, MIN_FORCED_REFRESH));

        assertTrue(thrown.getMessage().contains("maxWait"), thrown.getMessage());
    }

    @Test
    void badResponse_reachesTheCaller_andLeavesNoCallerWaiting() {
        source.failNextFetchWith(new AiobBadResponseException("garbage"));
        TokenCache cache = cache();

        assertInstanceOf(AiobBadResponseException.class, assertThrows(AiobException.class, cache::token));
        assertEquals(0, cache.waitingCallers());
    }

    @Test
    void events_reportWaitsAndForcedRefreshes_butNoFetch_whichOnlyGetTokenReports() {
        source.duringFetch(() -> clock.advance(ofSeconds(2)));
        source.failNextFetchWith(new AiobCredentialsRejectedException(401, "bad key", "refused"));
        TokenCache cache = cache(source, POLICY, Runnable::run);

        assertThrows(AiobCredentialsRejectedException.class, cache::token);
        assertThrows(AiobCredentialsRejectedException.class, cache::token); // remembered: no fetch, no wait
        clock.advance(ofSeconds(1));
        cache.token();
        cache.token(); // FRESH: nothing to report
        cache.invalidate("token-2");

        assertEquals(List.of("waited", "waited", "reauthenticated"), reported);
    }

    @Test
    void failingObserver_doesNotBreakServingTokens() {
        TokenCache cache = new TokenCache(source, new CachePolicy(POLICY, BACKOFF, MAX_WAIT, MIN_FORCED_REFRESH),
                Runnable::run, clock, clock, () -> 0.0, new TokenEvents() {
                    @Override
                    public void callerWaited() {
                        throw new IllegalStateException("metrics registry gone");
                    }
                });

        assertEquals("token-1", cache.token());
    }
}
