package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Objects;

import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * What the token endpoint granted: the token and how long it lives, counted from the moment the
 * request was sent.
 */
public record TokenGrant(String accessToken, Duration lifetime) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(lifetime, "lifetime");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken is blank");
        }
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
    }

    @Override
    public String toString() {
        return "TokenGrant[fingerprint=" + Fingerprint.of(accessToken) + ", lifetime=" + lifetime + "]";
    }
}
