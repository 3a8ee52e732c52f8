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
}
