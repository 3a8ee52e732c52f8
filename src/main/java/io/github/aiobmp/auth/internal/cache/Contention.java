package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells when AIOB keeps rejecting tokens soon after this server took them into use, which means
 * that another fetcher uses the same Access Key (the other side of a split cluster, or another
 * deployment): each getToken there revokes the token here. While such an episode lasts, refreshes
 * forced by rejections back off instead of answering every revocation with a getToken, which would
 * only revoke the other side's token in turn.
 *
 * <p>The {@link TokenCache} changes it under its lock; {@link #forcedRefreshInterval()} and
 * {@link #during()} may be read without, for log lines.
 */
final class Contention {

    private final ContentionPolicy policy;
    private final Duration minForcedRefresh;
    /** When the counted rejections came, oldest first; none older than the policy's window. */
    private final Deque<Instant> rejections = new ArrayDeque<>();
    private String lastCounted;
    private volatile Instant since;
    /** Refreshes forced since the episode began: the back-off's step. */
    private int forced;
    private volatile Duration interval;

    Contention(ContentionPolicy policy, Duration minForcedRefresh) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.minForcedRefresh = Objects.requireNonNull(minForcedRefresh, "minForcedRefresh");
        this.interval = minForcedRefresh;
    }

    /**
     * Counts AIOB's rejection of {@code token}, which this server took into use at {@code takenAt},
     * if it was young then; a token is counted once however many calls it failed.
     *
     * @return whether this rejection began an episode
     */
    boolean rejected(String token, Instant takenAt, Instant now) {
        if (!policy.enabled() || token.equals(lastCounted) || !now.isBefore(takenAt.plus(policy.tokenAge()))) {
            return false;
        }
        lastCounted = token;
        forget(now);
        rejections.addLast(now);
        if (since == null && rejections.size() >= policy.rejections()) {
            since = now;
            return true;
        }
        return false;
    }

    /** A rejection forced a refresh: during an episode, the next one must wait longer. */
    void forcedRefresh(double random) {
        if (since != null && !minForcedRefresh.isZero()) {
            forced++;
            // Never shorter than aiob.token.reauth-min-interval: the first step is [min, 2 min).
            Duration first = min(minForcedRefresh.multipliedBy(2), policy.backoffMax());
            Duration next = new Backoff(first, policy.backoffMax()).after(forced, random);
            interval = next.compareTo(minForcedRefresh) < 0 ? minForcedRefresh : next;
        }
    }

    /** {@return the least time between two refreshes forced by rejections, now} */
    Duration forcedRefreshInterval() {
        return interval;
    }

    /** {@return whether an episode lasts} */
    boolean during() {
        return since != null;
    }

    /** {@return since when the episode lasts, if one does} */
    Optional<Instant> since() {
        return Optional.ofNullable(since);
    }

    /** {@return how many rejections of young tokens the episode's window holds} */
    int rejectionsInWindow(Instant now) {
        forget(now);
        return rejections.size();
    }

    /** {@return when the episode ends unless another young token is rejected first} */
    Instant quietAt() {
        return rejections.isEmpty() ? since : rejections.getLast().plus(policy.window());
    }

    /**
     * Ends the episode if no young token was rejected for the policy's window.
     *
     * @return whether it ended now
     */
    boolean endIfQuiet(Instant now) {
        if (since == null || now.isBefore(quietAt())) {
            return false;
        }
        reset();
        return true;
    }

    /** Forgets everything: the credentials changed, and with them the key others may share. */
    void reset() {
        rejections.clear();
        lastCounted = null;
        since = null;
        forced = 0;
        interval = minForcedRefresh;
    }

    private void forget(Instant now) {
        Instant horizon = now.minus(policy.window());
        while (!rejections.isEmpty() && !rejections.getFirst().isAfter(horizon)) {
            rejections.removeFirst();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
