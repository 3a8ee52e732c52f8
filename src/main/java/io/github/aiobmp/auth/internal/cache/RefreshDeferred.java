package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by {@link TokenSource#refresh} when a refresh ahead of expiry had better wait: the token
 * in hand is served on, and the refresh is tried again after {@link #retryAfter()} (or once the
 * token becomes unusable, as a fetch). Not a failure: callers are never told of it.
 */
public final class RefreshDeferred extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param why        what the refresh waits for, for the log
     * @param retryAfter when to try again
     */
    public RefreshDeferred(String why, Duration retryAfter) {
        super(why, null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** {@return how long after this deferral the refresh is tried again} */
    public Duration retryAfter() {
        return retryAfter;
    }
}
