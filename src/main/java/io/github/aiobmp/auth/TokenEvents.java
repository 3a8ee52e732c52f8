package io.github.aiobmp.auth;

import java.time.Duration;

/**
 * What the token holder reports as it works, e.g. to metrics. Provide one CDI bean implementing
 * it and {@link AiobTokenProvider} calls it; without one nothing is reported. Calls come from the
 * threads that fetch and wait: they must be quick, and what they throw is ignored.
 */
public interface TokenEvents {

    /** Reports nothing. */
    TokenEvents NONE = new TokenEvents() {
    };

    /**
     * A getToken fetch ended, retries included.
     *
     * @param outcome how it ended
     * @param took    how long it took
     */
    default void fetched(FetchOutcome outcome, Duration took) {
    }

    /** A caller found no usable token and had to wait for a fetch. */
    default void callerWaited() {
    }

    /** AIOB rejected the token on an API call, and it was dropped to be replaced. */
    default void reauthenticated() {
    }
}
