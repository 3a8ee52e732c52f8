package io.github.aiobmp.auth;

import java.time.Instant;

/**
 * A secret-free view of the cached token, for status pages and health checks.
 *
 * @param state       the token's state
 * @param expiresAt   when AIOB says the token expires; {@code null} when {@code state} is NONE
 * @param fingerprint first 8 hex characters of the token's SHA-256; {@code null} when NONE
 */
public record TokenStatus(TokenState state, Instant expiresAt, String fingerprint) {

    /** No token: none was obtained yet, or the last one was dropped. */
    public static final TokenStatus NONE = new TokenStatus(TokenState.NONE, null, null);
}
