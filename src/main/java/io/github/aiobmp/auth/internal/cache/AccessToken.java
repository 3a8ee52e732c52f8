package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * An immutable cached token with the instants that govern its use. {@link #toString()} shows a
 * fingerprint, never the token.
 */
public final class AccessToken {

    /**
     * How long before the token becomes unusable the clock-free fast path ends at the latest
     * (capped at a quarter of the lifetime). The fast path trusts a timer to end it; this is the
     * lateness that timer may have (a GC pause, a busy executor) without an unusable token being
     * sent.
     */
    static final Duration TIMER_GUARD = Duration.ofSeconds(1);

    private final String value;
    private final String fingerprint;
    private final Instant obtainedAt;
    private final Instant refreshAt;
    private final Instant unusableAt;
    private final Instant expiresAt;
    private final Instant fastUntil;

    /**
     * @param obtainedAt when the getToken request was sent (the lifetime counts from there)
     * @param refreshAt  from here on the token is STALE: still sent, but a refresh is due
     * @param unusableAt from here on the token is EXPIRED for us (server expiry less a safety margin)
     * @param expiresAt  when AIOB says it expires
     */
    AccessToken(String value, Instant obtainedAt, Instant refreshAt, Instant unusableAt, Instant expiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.fingerprint = Fingerprint.of(value);
        this.obtainedAt = obtainedAt;
        this.refreshAt = refreshAt;
        this.unusableAt = unusableAt;
        this.expiresAt = expiresAt;
        if (obtainedAt.isAfter(refreshAt) || refreshAt.isAfter(unusableAt) || unusableAt.isAfter(expiresAt)) {
            throw new IllegalArgumentException("instants out of order: " + this);
        }
        Duration quarterLife = Duration.between(obtainedAt, unusableAt).dividedBy(4);
        Instant guarded = unusableAt.minus(TIMER_GUARD.compareTo(quarterLife) <= 0 ? TIMER_GUARD : quarterLife);
        this.fastUntil = refreshAt.isBefore(guarded) ? refreshAt : guarded;
    }

    /** Returns the raw token, as it goes into the {@code Authorization} header. */
    public String value() {
        return value;
    }

    /** Returns the first 8 hex characters of the token's SHA-256. */
    public String fingerprint() {
        return fingerprint;
    }

    public Instant obtainedAt() {
        return obtainedAt;
    }

    public Instant refreshAt() {
        return refreshAt;
    }

    public Instant unusableAt() {
        return unusableAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns until when the token may be served without reading the clock: its refresh time, or
     * {@link #TIMER_GUARD} before it becomes unusable if that is sooner.
     */
    Instant fastUntil() {
        return fastUntil;
    }

    /** Returns the token's state at {@code now}. */
    public TokenState stateAt(Instant now) {
        if (now.isBefore(refreshAt)) {
            return TokenState.FRESH;
        }
        return now.isBefore(unusableAt) ? TokenState.STALE : TokenState.EXPIRED;
    }

    @Override
    public String toString() {
        return "AccessToken[fingerprint=" + fingerprint + ", obtainedAt=" + obtainedAt + ", refreshAt=" + refreshAt
                + ", unusableAt=" + unusableAt + ", expiresAt=" + expiresAt + "]";
    }
}
