package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * What the token endpoint granted: the token and how long it lives, counted from the moment the
 * request was sent.
 *
 * @param accessToken the token
 * @param lifetime    how long it lives
 * @param obtainedAt  when its getToken request was sent, for a grant another server obtained;
 *                    null for one obtained just now, whose lifetime counts from this fetch
 */
public record TokenGrant(String accessToken, Duration lifetime, Instant obtainedAt) {

    /** A grant obtained just now: its lifetime counts from this fetch. */
    public TokenGrant(String accessToken, Duration lifetime) {
        this(accessToken, lifetime, null);
    }

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
        return "TokenGrant[fingerprint=" + Fingerprint.of(accessToken) + ", lifetime=" + lifetime
                + (obtainedAt == null ? "" : ", obtainedAt=" + obtainedAt) + "]";
    }
}
