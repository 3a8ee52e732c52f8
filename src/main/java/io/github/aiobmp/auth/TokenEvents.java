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
     * A getToken fetch of this server's ended, retries included; a token taken from the token store
     * is no fetch ({@link #adopted()}).
     *
     * @param outcome how it ended
     * @param took    how long it took
     */
    default void fetched(FetchOutcome outcome, Duration took) {
    }

    /**
     * This server sent a getToken request to AIOB: every attempt, Fault Tolerance's retries
     * included, but one that could not connect. Summed over a cluster's servers, it is what AIOB
     * counts.
     */
    default void getTokenRequested() {
    }

    /** This server took a token that another server of the cluster obtained, from the token store. */
    default void adopted() {
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

    /**
     * An operation of the token store was refused because the cluster is split and this server is
     * on the side without quorum: this server yields.
     */
    default void storeRefusedNoQuorum() {
    }

    /** A fetch went to AIOB without the token store, which did not answer: the fallback. */
    default void fetchedWithoutStore() {
    }

    /** This server took the token store's lease, and with it the right to call getToken for the cluster. */
    default void leaseWon() {
    }

    /** This server found another server holding the token store's lease, and waited for its token. */
    default void leaseLost() {
    }

    /**
     * A lease ended without a token: this server's own ran out while its getToken ran (it could
     * not renew it), or the one it waited on did (its holder stopped or failed).
     */
    default void leaseExpired() {
    }

    /**
     * This server's token and the token store's differed outside a fetch (as the store opened or
     * answered again, on a change notification or a poll), and the newer one won.
     *
     * @param published true when this server's was newer and it shared it; false when it took the
     *                  store's
     */
    default void reconciled(boolean published) {
    }

    /**
     * AIOB kept rejecting tokens soon after this server took them ({@code aiob.token.contention.*}):
     * another fetcher uses the same Access Key, and refreshes forced by rejections back off.
     */
    default void contentionBegan() {
    }

    /** The rejections of young tokens stopped for {@code aiob.token.contention.window}: forced refreshes are limited as before. */
    default void contentionEnded() {
    }
}
