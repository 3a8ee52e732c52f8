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

    /** An operation of the token store ({@code aiob.token-store}) answered in time. */
    default void storeAnswered() {
    }

    /** An operation of the token store did not answer within {@code aiob.token-store.timeout}. */
    default void storeTimedOut() {
    }

    /** An operation of the token store threw. */
    default void storeFailed() {
    }

    /** A fetch went to AIOB without the token store, which did not answer: the fallback. */
    default void fetchedWithoutStore() {
    }
}
