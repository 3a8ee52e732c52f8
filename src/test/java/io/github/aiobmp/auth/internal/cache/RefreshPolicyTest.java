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

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.TokenState;

/** Verifies that RefreshPolicy places refreshAt, unusableAt and expiresAt where its margins, caps and jitter say. */
class RefreshPolicyTest {

    private static final Instant SENT = Instant.parse("2025-03-01T08:00:00Z");
    private static final double ALMOST_ONE = 0.999;

    private static AccessToken schedule(RefreshPolicy policy, Duration lifetime, double random) {
        return policy.schedule(new TokenGrant("token", lifetime), SENT, random);
    }

    private static Duration jitterShift(RefreshPolicy policy, Duration lifetime, double random) {
        AccessToken unjittered = schedule(policy, lifetime, 0.0);
        return Duration.between(unjittered.refreshAt(), schedule(policy, lifetime, random).refreshAt());
    }

    @Test
    void longLivedToken_usesTheConfiguredMarginAndRefreshAhead() {
        AccessToken token = schedule(new RefreshPolicy(ofMinutes(5), ZERO, ofMinutes(1)), ofMinutes(60), 0.0);

        assertEquals(SENT, token.obtainedAt());
        assertEquals(SENT.plus(ofMinutes(54)), token.refreshAt());
        assertEquals(SENT.plus(ofMinutes(59)), token.unusableAt());
        assertEquals(SENT.plus(ofMinutes(60)), token.expiresAt());
    }

    @Test
    void shortLivedToken_capsMarginAtAQuarterAndRefreshAheadAtHalfTheLifetime() {
        AccessToken token = schedule(new RefreshPolicy(ofSeconds(300), ZERO, ofSeconds(60)), ofMinutes(2), 0.0);

        assertEquals(SENT.plusSeconds(30), token.refreshAt());
        assertEquals(SENT.plusSeconds(90), token.unusableAt());
        assertEquals(SENT.plusSeconds(120), token.expiresAt());
    }

    @Test
    void shortLivedToken_changesStateExactlyAtTheCappedBoundaries() {
        AccessToken token = schedule(new RefreshPolicy(ofSeconds(300), ZERO, ofSeconds(60)), ofMinutes(2), 0.0);

        assertEquals(TokenState.FRESH, token.stateAt(SENT));
        assertEquals(TokenState.FRESH, token.stateAt(SENT.plusSeconds(30).minusNanos(1)));
        assertEquals(TokenState.STALE, token.stateAt(SENT.plusSeconds(30)));
        assertEquals(TokenState.STALE, token.stateAt(SENT.plusSeconds(90).minusNanos(1)));
        assertEquals(TokenState.EXPIRED, token.stateAt(SENT.plusSeconds(90)));
        assertEquals(TokenState.EXPIRED, token.stateAt(SENT.plusSeconds(120)));
    }

    @Test
    void zeroRandom_doesNotShiftTheRefresh() {
        RefreshPolicy policy = new RefreshPolicy(ofMinutes(5), ofSeconds(60), ofMinutes(1));

        assertEquals(SENT.plus(ofMinutes(54)), schedule(policy, ofMinutes(60), 0.0).refreshAt());
    }

    @Test
    void randomNearOne_delaysTheRefreshByAlmostTheWholeJitter() {
        RefreshPolicy policy = new RefreshPolicy(ofMinutes(5), ofSeconds(60), ofMinutes(1));

        Duration shift = jitterShift(policy, ofMinutes(60), ALMOST_ONE);

        assertTrue(shift.compareTo(ofMillis(59_900)) > 0, "shift " + shift);
        assertTrue(shift.compareTo(ofSeconds(60)) < 0, "shift " + shift);
    }

    @Test
    void jitter_isCappedAtHalfTheRefreshAheadWindow() {
        // Ahead 5 min, so at most 2.5 min of the configured 10 min jitter applies.
        RefreshPolicy policy = new RefreshPolicy(ofMinutes(5), ofMinutes(10), ofMinutes(1));

        Duration shift = jitterShift(policy, ofMinutes(60), ALMOST_ONE);

        assertTrue(shift.compareTo(ofSeconds(149)) > 0, "shift " + shift);
        assertTrue(shift.compareTo(ofSeconds(150)) < 0, "shift " + shift);
    }

    @Test
    void shortLivedToken_jitterFollowsTheCappedRefreshAhead_andNeverReachesUnusableAt() {
        // 2-min token: ahead capped to 60 s, so jitter to 30 s; refreshAt stays before unusableAt (1:30).
        RefreshPolicy policy = new RefreshPolicy(ofSeconds(300), ofSeconds(300), ofSeconds(60));

        AccessToken token = schedule(policy, ofMinutes(2), ALMOST_ONE);
        Duration shift = jitterShift(policy, ofMinutes(2), ALMOST_ONE);

        assertTrue(shift.compareTo(ofMillis(29_900)) > 0, "shift " + shift);
        assertTrue(shift.compareTo(ofSeconds(30)) < 0, "shift " + shift);
        assertTrue(token.refreshAt().isBefore(token.unusableAt()), token.toString());
    }

    @Test
    void negativeDurations_areRejectedNamingTheParameter() {
        IllegalArgumentException ahead = assertThrows(IllegalArgumentException.class,
                () -> new RefreshPolicy(ofSeconds(-1), ZERO, ZERO));
        IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class,
                () -> new RefreshPolicy(ZERO, ofSeconds(-1), ZERO));
        IllegalArgumentException margin = assertThrows(IllegalArgumentException.class,
                () -> new RefreshPolicy(ZERO, ZERO, ofSeconds(-1)));

        assertTrue(ahead.getMessage().contains("refreshAhead"), ahead.getMessage());
        assertTrue(jitter.getMessage().contains("refreshJitter"), jitter.getMessage());
        assertTrue(margin.getMessage().contains("expiryMargin"), margin.getMessage());
    }
}
