package io.github.aiobmp.demo;

import io.github.aiobmp.auth.TokenStatus;

/**
 * {@code GET /demo/token}: state, expiry and fingerprint; never the token.
 *
 * @param expiresAt ISO-8601; null (and so absent) when there is no token
 */
public record TokenView(String state, String expiresAt, String fingerprint) {

    static TokenView of(TokenStatus status) {
        return new TokenView(status.state().name(),
                status.expiresAt() == null ? null : status.expiresAt().toString(), status.fingerprint());
    }
}
