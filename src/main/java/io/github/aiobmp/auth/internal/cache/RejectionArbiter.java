package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;

import io.github.aiobmp.auth.TokenInvalidation;

/**
 * Decides, for every server that shares the token, what becomes of the token AIOB rejected; the
 * cache asks it once its own checks found the token still current and no forced refresh of its own
 * too recent.
 */
@FunctionalInterface
public interface RejectionArbiter {

    /** This JVM alone: the token is dropped. */
    RejectionArbiter LOCAL = (rejected, minInterval) -> TokenInvalidation.DROPPED;

    /**
     * Called outside the cache's lock.
     *
     * @param rejected    the token AIOB rejected, still the cache's current one
     * @param minInterval the least time between two forced refreshes now: {@code aiob.token.reauth-min-interval},
     *                    or longer while AIOB keeps rejecting young tokens
     * @return {@code DROPPED} when this server is to fetch the replacement, {@code ALREADY_REPLACED}
     *         when another server has replaced it or is fetching the replacement, {@code RATE_LIMITED}
     *         when a refresh forced by a rejection happened anywhere less than the minimum interval ago
     */
    TokenInvalidation decide(AccessToken rejected, Duration minInterval);

    /**
     * Told of a rejection of the current token that the cache's own rate limit keeps, so that the
     * store is asked something all the same: a server cut off from the cluster's quorum learns it
     * now, and yields, rather than at its next poll. Called outside the cache's lock; must not wait.
     */
    default void keptByRateLimit() {
    }
}
