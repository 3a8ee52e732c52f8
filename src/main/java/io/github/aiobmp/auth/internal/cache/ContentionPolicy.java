package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * When rejections of young tokens mean that another fetcher uses the same key, and how far the
 * refreshes they force back off then.
 *
 * @param rejections how many rejections of young tokens, within {@code window}, begin an episode;
 *                   0 never does
 * @param tokenAge   a token is young while less than this has passed since this server took it
 *                   into use (obtained it, or took it from the token store)
 * @param window     the rejections must fall within this; the episode ends once none came for this long
 * @param backoffMax the longest wait between two refreshes forced by rejections during an episode
 */
public record ContentionPolicy(int rejections, Duration tokenAge, Duration window, Duration backoffMax) {

    /** No episode ever begins. */
    public static final ContentionPolicy OFF = new ContentionPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(1));

    public ContentionPolicy {
        Objects.requireNonNull(tokenAge, "tokenAge");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (rejections < 0) {
            throw new IllegalArgumentException("rejections must not be negative, was " + rejections);
        }
        for (Duration positive : new Duration[] {tokenAge, window, backoffMax}) {
            if (positive.isZero() || positive.isNegative()) {
                throw new IllegalArgumentException("durations must be positive, was " + positive);
            }
        }
    }

    /** {@return whether episodes are detected at all} */
    public boolean enabled() {
        return rejections > 0;
    }
}
