package io.github.aiobmp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caches one token, refreshes it ahead of expiry, and lets exactly one refresh run at a time.
 *
 * <p>Plain Java: time, randomness and the thread that fetches are all injected, so the logic is
 * tested by stepping a fake clock.
 *
 * <ul>
 *   <li>FRESH: the cached token is returned; no lock is taken.</li>
 *   <li>STALE: the cached token is returned at once and one background refresh is started.</li>
 *   <li>NONE or EXPIRED: the caller joins the one refresh in flight (starting it if there is none)
 *       and waits for it at most {@code maxWait}.</li>
 * </ul>
 */
public final class TokenCache {

    private static final Logger LOG = Logger.getLogger(TokenCache.class.getName());

    private final TokenSource source;
    private final RefreshPolicy policy;
    private final Duration maxWait;
    private final Executor fetchExecutor;
    private final Clock clock;
    private final DoubleSupplier jitter;

    private final AtomicReference<AccessToken> current = new AtomicReference<>();
    private final AtomicInteger waitingCallers = new AtomicInteger();
    private final Object refreshLock = new Object();
    /** The refresh in flight, or null. Guarded by refreshLock. */
    private CompletableFuture<AccessToken> refresh;

    /**
     * @param maxWait       the longest a caller waits for a token when none is usable
     * @param fetchExecutor runs {@link TokenSource#fetch()}; a waiting caller is then bounded by
     *                      {@code maxWait} even while the fetch itself runs on
     * @param jitter        supplies numbers in [0, 1) for {@link RefreshPolicy#schedule}
     */
    public TokenCache(TokenSource source, RefreshPolicy policy, Duration maxWait, Executor fetchExecutor,
            Clock clock, DoubleSupplier jitter) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.fetchExecutor = Objects.requireNonNull(fetchExecutor, "fetchExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        if (maxWait.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
    }

    /**
     * Returns a usable token, fetching one if none is cached.
     *
     * @throws AiobException when no token could be obtained within {@code maxWait}
     */
    public String token() {
        AccessToken token = current.get();
        if (token != null) {
            switch (token.stateAt(clock.instant())) {
                case FRESH:
                    return token.value();
                case STALE:
                    refresh();
                    return token.value();
                default:
                    break;
            }
        }
        return await(refresh()).value();
    }

    /** Returns the cached token's status without fetching. */
    public TokenStatus status() {
        AccessToken token = current.get();
        if (token == null) {
            return TokenStatus.NONE;
        }
        return new TokenStatus(token.stateAt(clock.instant()), token.expiresAt(), token.fingerprint());
    }

    /**
     * Drops {@code token} if it is still the cached one, so the next caller fetches a new token. A
     * caller holding a token that was already replaced does not drop its replacement.
     *
     * @return whether the token was dropped
     */
    public boolean invalidate(String token) {
        AccessToken cached = current.get();
        return cached != null && cached.value().equals(token) && current.compareAndSet(cached, null);
    }

    /** Returns how many callers are waiting for a refresh right now. */
    public int waitingCallers() {
        return waitingCallers.get();
    }

    /** Returns the refresh in flight, starting one unless the cached token is FRESH. */
    private CompletableFuture<AccessToken> refresh() {
        CompletableFuture<AccessToken> flight;
        synchronized (refreshLock) {
            if (refresh != null) {
                return refresh;
            }
            // Re-check under the lock: a refresh may have finished since the caller looked.
            AccessToken token = current.get();
            if (token != null && token.stateAt(clock.instant()) == TokenState.FRESH) {
                return CompletableFuture.completedFuture(token);
            }
            flight = new CompletableFuture<>();
            refresh = flight;
        }
        // Started outside the lock: with a direct executor the fetch runs right here.
        try {
            fetchExecutor.execute(() -> fetchInto(flight));
        } catch (RejectedExecutionException e) {
            finish(flight, null, new AiobUnavailableException("The token refresh could not be scheduled: " + e));
        }
        return flight;
    }

    private void fetchInto(CompletableFuture<AccessToken> flight) {
        Instant sentAt = clock.instant();
        try {
            AccessToken token = policy.schedule(source.fetch(), sentAt, jitter.getAsDouble());
            current.set(token);
            LOG.info(() -> "Obtained an AIOB token (fingerprint " + token.fingerprint() + ", expires "
                    + token.expiresAt() + ") in " + Duration.between(sentAt, clock.instant()).toMillis() + " ms");
            finish(flight, token, null);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Could not obtain an AIOB token: {0}", e.getMessage());
            finish(flight, null, e);
        }
    }

    /** Clears the flight first, so that a caller arriving after a failure starts a new one. */
    private void finish(CompletableFuture<AccessToken> flight, AccessToken token, Throwable failure) {
        synchronized (refreshLock) {
            if (refresh == flight) {
                refresh = null;
            }
        }
        if (failure == null) {
            flight.complete(token);
        } else {
            flight.completeExceptionally(failure);
        }
    }

    private AccessToken await(CompletableFuture<AccessToken> flight) {
        waitingCallers.incrementAndGet();
        try {
            return flight.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AiobUnavailableException("No AIOB token within " + maxWait.toMillis() + " ms ("
                    + AiobSettings.MAX_WAIT + "): the token endpoint is slow or unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiobUnavailableException("Interrupted while waiting for an AIOB token");
        } catch (ExecutionException e) {
            throw asAiobException(e.getCause());
        } finally {
            waitingCallers.decrementAndGet();
        }
    }

    private static RuntimeException asAiobException(Throwable failure) {
        if (failure instanceof AiobException aiob) {
            return aiob;
        }
        return new AiobUnavailableException("Obtaining an AIOB token failed: " + failure.getClass().getName(), failure);
    }
}
