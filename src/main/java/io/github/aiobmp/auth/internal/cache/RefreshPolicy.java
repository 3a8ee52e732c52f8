package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a granted token becomes STALE (refresh due) and EXPIRED (never sent again).
 *
 * <p>The token is EXPIRED {@code expiryMargin} before AIOB's expiry, so a clock running behind
 * AIOB's never sends a token AIOB already refuses. It turns STALE {@code refreshAhead} before
 * that, delayed by a random part of {@code refreshJitter} so that many servers sharing one
 * credential do not all refresh at the same moment. Both windows shrink for short-lived tokens:
 * the margin to at most a quarter of the lifetime, the refresh-ahead window to at most half of it,
 * the jitter to at most half of the refresh-ahead window.
 *
 * @param refreshAhead  how long before the (margin-adjusted) expiry a refresh starts
 * @param refreshJitter the most by which the refresh start is randomly delayed
 * @param expiryMargin  how long before AIOB's expiry the token is no longer sent
 */
public record RefreshPolicy(Duration refreshAhead, Duration refreshJitter, Duration expiryMargin) {

    public RefreshPolicy {
        requireNotNegative(refreshAhead, "refreshAhead");
        requireNotNegative(refreshJitter, "refreshJitter");
        requireNotNegative(expiryMargin, "expiryMargin");
    }

    /**
     * Schedules a granted token.
     *
     * @param sentAt when the getToken request was sent: AIOB's lifetime counts from its side of the
     *               exchange, so counting from our send time can only err early, never late
     * @param random a number in [0, 1) choosing the jitter
     */
    public AccessToken schedule(TokenGrant grant, Instant sentAt, double random) {
        Duration lifetime = grant.lifetime();
        Instant expiresAt = sentAt.plus(lifetime);
        Instant unusableAt = expiresAt.minus(min(expiryMargin, lifetime.dividedBy(4)));
        Duration ahead = min(refreshAhead, lifetime.dividedBy(2));
        Duration jitter = min(refreshJitter, ahead.dividedBy(2));
        Instant refreshAt = unusableAt.minus(ahead).plusNanos((long) (jitter.toNanos() * random));
        return new AccessToken(grant.accessToken(), sentAt, refreshAt, unusableAt, expiresAt);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
