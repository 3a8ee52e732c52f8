package io.github.aiobmp.auth.internal.cache;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.testing.LogRecorder;

/**
 * Contention, stepped on a fake clock: AIOB rejecting tokens soon after this server took them,
 * again and again, as when another deployment (or the other side of a split cluster) fetches with
 * the same key and each of its getTokens revokes the token here. In this JVM alone: the local store.
 */
class ContentionTest {

    private static final Instant START = Instant.parse("2026-12-05T08:00:00Z");
    private static final RefreshPolicy REFRESH = new RefreshPolicy(ofMinutes(5), Duration.ZERO, ofMinutes(1));
    private static final Duration MIN_FORCED_REFRESH = ofSeconds(1);
    /** Two rejections of tokens younger than 1 min within 2 min; forced refreshes back off up to 1 min. */
    private static final ContentionPolicy RULE = new ContentionPolicy(2, ofMinutes(1), ofMinutes(2), ofMinutes(1));

    private final FakeClock clock = new FakeClock(START);
    private final FakeTokenSource source = new FakeTokenSource(ofMinutes(60));
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final LogRecorder log = new LogRecorder(TokenCache.class);
    private final TokenEvents events = new TokenEvents() {
        @Override
        public void contentionBegan() {
            reported.add("began");
        }

        @Override
        public void contentionEnded() {
            reported.add("ended");
        }
    };

    @AfterEach
    void stopRecording() {
        log.close();
    }

    /** With random 0, every back-off step is the lower end of its range: half the doubled step. */
    private TokenCache cache(ContentionPolicy rule) {
        return new TokenCache(source, new CachePolicy(REFRESH, new Backoff(ofSeconds(1), ofMinutes(1)), ofSeconds(5),
                MIN_FORCED_REFRESH, rule), Runnable::run, clock, clock, () -> 0.0, events);
    }

    /** Takes the current token and has AIOB reject it {@code after} it was taken. */
    private TokenInvalidation rejectAfter(TokenCache cache, Duration after) {
        String token = cache.token();
        clock.advance(after);
        return cache.invalidate(token);
    }

    private List<String> contentionWarnings() {
        return log.warnings().stream().filter(warning -> warning.contains("another fetcher uses the same Access Key"))
                .toList();
    }

    @Test
    void oneRejectionOfAYoungToken_isNoContention() {
        TokenCache cache = cache(RULE);

        assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(5)));

        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(List.of(), reported);
    }

    @Test
    void rejectionsOfTokensOlderThanTheTokenAge_areNoContention() {
        TokenCache cache = cache(RULE);

        for (int i = 0; i < 5; i++) {
            assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(61)));
        }

        cache.token();
        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(6, source.fetches(), "one getToken per rejection, as without contention");
    }

    @Test
    void twoYoungTokensRejectedWithinTheWindow_beginContention_withOneWarningNamingBothCausesAndWhatToDo() {
        TokenCache cache = cache(RULE);

        rejectAfter(cache, ofSeconds(5));
        Instant second = clock.instant().plusSeconds(5);
        rejectAfter(cache, ofSeconds(5));

        assertEquals(Optional.of(second), cache.contentionSince());
        assertEquals(List.of("began"), reported);
        List<String> warnings = contentionWarnings();
        assertEquals(1, warnings.size(), log.warnings().toString());
        String warning = warnings.get(0);
        for (String part : List.of("split cluster", "another deployment", "its own Access Key",
                "split-brain protection", "aiob.token.contention.backoff-max", "PT1M")) {
            assertTrue(warning.contains(part), "'" + warning + "' does not say " + part);
        }
    }

    @Test
    void youngRejectionsFartherApartThanTheWindow_areNoContention() {
        TokenCache cache = cache(RULE);

        for (int i = 0; i < 4; i++) {
            assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(30)));
            clock.advance(ofSeconds(91)); // the token stays unrejected: the next rejection is 121 s later
        }

        assertEquals(Optional.empty(), cache.contentionSince());
    }

    @Test
    void manyCallersRejectingOneToken_countAsOneRejection() {
        TokenCache cache = cache(RULE);
        String token = cache.token();
        clock.advance(ofSeconds(1));

        assertEquals(TokenInvalidation.DROPPED, cache.invalidate(token));
        for (int caller = 0; caller < 50; caller++) {
            assertEquals(TokenInvalidation.ALREADY_REPLACED, cache.invalidate(token));
        }

        assertEquals(Optional.empty(), cache.contentionSince());
    }

    @Test
    void duringContention_forcedRefreshesBackOffDoublingUpToTheCap_neverBelowTheReauthInterval() {
        TokenCache cache = cache(RULE);
        rejectAfter(cache, ofSeconds(5));
        rejectAfter(cache, ofSeconds(5)); // contention begins; this forced refresh is its first step

        // Steps with random 0: [1 s, 2 s), [2, 4), [4, 8) … the lower ends, up to half the 1-min cap.
        for (long wait : new long[] {1, 2, 4, 8, 16, 30, 30, 30}) {
            String token = cache.token();
            clock.advance(ofSeconds(wait).minus(ofMillis(1)));
            assertEquals(TokenInvalidation.RATE_LIMITED, cache.invalidate(token), "before " + wait + " s");
            clock.advance(ofMillis(1));
            assertEquals(TokenInvalidation.DROPPED, cache.invalidate(token), "at " + wait + " s");
        }
        assertEquals(List.of("began"), reported, "one episode for all its rejections");
        assertEquals(1, contentionWarnings().size());
        assertTrue(log.warnings().stream().noneMatch(warning -> warning.contains("after the last forced refresh")),
                "every call kept waiting during contention logged a WARNING: " + log.warnings());
    }

    @Test
    void aKeyFoughtOverForTenMinutes_costsGetTokensBoundedByTheCap_notOnePerSecond() {
        TokenCache contended = cache(RULE);
        TokenCache unguarded = cache(ContentionPolicy.OFF);
        FakeTokenSource unguardedSource = source;

        int[] fetches = new int[2];
        TokenCache[] caches = {contended, unguarded};
        for (int i = 0; i < caches.length; i++) {
            long before = unguardedSource.fetches();
            // The other fetcher revokes every token 100 ms after this server takes it, and calls come every 100 ms.
            Instant end = clock.instant().plus(ofMinutes(10));
            while (clock.instant().isBefore(end)) {
                try {
                    rejectAfter(caches[i], ofMillis(100));
                } catch (RuntimeException e) {
                    clock.advance(ofMillis(100)); // no token: the call failed
                }
            }
            fetches[i] = (int) (unguardedSource.fetches() - before);
        }

        assertTrue(fetches[1] >= 590, "without contention detection, one getToken per second: " + fetches[1]);
        // 2 before it begins, then 1 + 2 + 4 + … + 16 s (6 steps, 31 s), then one per 30 s for 9.4 min.
        assertTrue(fetches[0] >= 20 && fetches[0] <= 30, "getTokens during 10 min of contention: " + fetches[0]);
    }

    @Test
    void contentionEnds_whenNoYoungTokenIsRejectedForTheWindow_withOneInfo_andTheReauthIntervalApplies() {
        TokenCache cache = cache(RULE);
        rejectAfter(cache, ofSeconds(5));
        rejectAfter(cache, ofSeconds(5));
        rejectAfter(cache, ofSeconds(2)); // a step of 2 s now

        clock.advance(ofMinutes(2).minusSeconds(1));
        assertTrue(cache.contentionSince().isPresent(), "ended before the window passed");
        clock.advance(ofSeconds(1));

        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(List.of("began", "ended"), reported);
        assertEquals(1, log.infos().stream().filter(info -> info.contains("is over")).count(), log.infos().toString());
        // The back-off starts over: 1 s after a forced refresh the next is forced again (the episode was at 2 s),
        // and two young tokens rejected make a new episode.
        assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(0)));
        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(1)));
        assertTrue(cache.contentionSince().isPresent());
        assertEquals(List.of("began", "ended", "began"), reported);
    }

    @Test
    void credentialsChanged_endContention() {
        TokenCache cache = cache(RULE);
        rejectAfter(cache, ofSeconds(5));
        rejectAfter(cache, ofSeconds(5));

        cache.reset();

        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(List.of("began", "ended"), reported);
        assertTrue(log.infos().stream().anyMatch(info -> info.contains("the credentials changed")), log.infos().toString());
    }

    @Test
    void detectionTurnedOff_neverBeginsContention() {
        TokenCache cache = cache(ContentionPolicy.OFF);

        for (int i = 0; i < 10; i++) {
            assertEquals(TokenInvalidation.DROPPED, rejectAfter(cache, ofSeconds(1)));
        }

        assertEquals(Optional.empty(), cache.contentionSince());
        assertEquals(List.of(), reported);
    }
}
