package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The timings a {@link TokenCache} works by.
 *
 * @param refresh          when a token turns STALE and EXPIRED
 * @param failureBackoff   how long a failed fetch is remembered before the next is tried
 * @param maxWait          the longest a caller waits for a token
 * @param minForcedRefresh the least time between two refreshes forced by AIOB rejecting a token,
 *                         so that a token AIOB keeps rejecting cannot cause a getToken storm
 * @param contention       when rejections of young tokens mean another fetcher of the same key,
 *                         and how far forced refreshes back off then
 */
public record CachePolicy(RefreshPolicy refresh, Backoff failureBackoff, Duration maxWait, Duration minForcedRefresh,
        ContentionPolicy contention) {

    /** A policy that never detects contention. */
    public CachePolicy(RefreshPolicy refresh, Backoff failureBackoff, Duration maxWait, Duration minForcedRefresh) {
        this(refresh, failureBackoff, maxWait, minForcedRefresh, ContentionPolicy.OFF);
    }

    public CachePolicy {
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(failureBackoff, "failureBackoff");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(minForcedRefresh, "minForcedRefresh");
        Objects.requireNonNull(contention, "contention");
        if (maxWait.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
        if (minForcedRefresh.isNegative()) {
            throw new IllegalArgumentException("minForcedRefresh must not be negative, was " + minForcedRefresh);
        }
    }
}
