package io.github.aiobmp.auth.internal.cache;

import io.github.aiobmp.auth.AiobException;

/** Obtains a new token; the production source calls AIOB's getToken. */
@FunctionalInterface
public interface TokenSource {

    /**
     * Returns a newly granted token.
     *
     * @throws AiobException when no token could be obtained
     */
    TokenGrant fetch();

    /**
     * Returns a newly granted token to replace one that is still usable: a refresh ahead of
     * expiry, which may wait where a fetch for a caller without a token cannot.
     *
     * @throws RefreshDeferred when the refresh had better be tried again later
     * @throws AiobException   when no token could be obtained
     */
    default TokenGrant refresh() {
        return fetch();
    }

    /**
     * Says what a fetch that runs now is waiting for, for a caller who waited too long: called
     * while {@link #fetch()} runs on another thread.
     */
    default String waitingFor() {
        return "the token endpoint is slow or unreachable";
    }
}
