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
 * @param obtainedAt  when its getToken request was sent, when that is known; null for one
 *                    obtained just now, whose lifetime counts from this fetch
 * @param obtainedBy  the server that called getToken for it, when that was another server of the
 *                    cluster (it was taken from the token store); null when this server did
 */
public record TokenGrant(String accessToken, Duration lifetime, Instant obtainedAt, String obtainedBy) {

    /** A grant obtained just now, by this server: its lifetime counts from this fetch. */
    public TokenGrant(String accessToken, Duration lifetime) {
        this(accessToken, lifetime, null, null);
    }

    /** A grant this server obtained at {@code obtainedAt}. */
    public TokenGrant(String accessToken, Duration lifetime, Instant obtainedAt) {
        this(accessToken, lifetime, obtainedAt, null);
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
                + (obtainedAt == null ? "" : ", obtainedAt=" + obtainedAt)
                + (obtainedBy == null ? "" : ", obtainedBy=" + obtainedBy) + "]";
    }
}
