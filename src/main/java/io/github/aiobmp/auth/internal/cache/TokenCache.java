package io.github.aiobmp.auth.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobClusterSplitException;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.TokenStatus;
import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * Caches one token, refreshes it ahead of expiry, lets exactly one fetch run at a time, and
 * remembers a failed fetch for a backoff so that failures cannot turn into a getToken storm.
 *
 * <p>Plain Java: time, timers, randomness and the thread that fetches are all injected, so the
 * logic is tested by stepping a fake clock.
 *
 * <ul>
 *   <li>FRESH: the token is returned from one volatile read; no clock is read and no lock taken.
 *       A timer at the token's refresh time ends this fast path and starts the refresh, so the
 *       token is renewed even when no call comes. The fast path ends at least
 *       {@link AccessToken#TIMER_GUARD} before the token becomes unusable, so a timer that late
 *       still never lets an unusable token out.</li>
 *   <li>STALE: the token is still returned while one background refresh runs. If the refresh
 *       fails, the token keeps being used and the refresh is retried after a growing backoff.</li>
 *   <li>NONE or EXPIRED: the caller joins the one fetch in flight (starting it if there is none)
 *       and waits at most {@code maxWait}. While the backoff after a failed fetch lasts, callers
 *       get that failure at once instead of fetching again.</li>
 * </ul>
 */
public final class TokenCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenCache.class.getName());

    private final TokenSource source;
    private final CachePolicy policy;
    private final Executor fetchExecutor;
    private final Scheduler scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final TokenEvents events;
    private final RejectionArbiter arbiter;
    /** Held while a rejection is decided; never while {@link #lock} is. */
    private final Object arbitration = new Object();

    /**
     * The current token's value while it is FRESH, else null: the whole fast path, one volatile
     * read with nothing behind it. Only set with a timer that clears it, and only to {@code current}'s.
     */
    private volatile String fresh;
    /** The newest token obtained, in whatever state; null when there is none or it was dropped. */
    private volatile AccessToken current;
    /** The last fetch's failure, until a fetch succeeds; null otherwise. */
    private volatile Failure failure;
    private final AtomicInteger waitingCallers = new AtomicInteger();

    private final Object lock = new Object();
    /** The fetch in flight, or null. Written under lock; volatile so that STALE callers can skip the lock. */
    private volatile CompletableFuture<AccessToken> flight;
    /** The pending refresh or retry timer, or null. Guarded by lock. */
    private Future<?> timer;
    /** Until when the source put off refreshing {@code current}, or null. Guarded by lock; volatile for STALE callers. */
    private volatile Instant refreshDeferredUntil;
    /** When AIOB's rejection of a token last forced a refresh. Guarded by lock. */
    private Instant lastForcedRefresh;
    /** When {@code current} was taken into use: obtained, or taken from another server. Guarded by lock. */
    private Instant currentSince;
    /** Rejections of young tokens, and the back-off of forced refreshes they call for. Guarded by lock. */
    private final Contention contention;
    /** The check that ends a contention episode once the rejections stopped, or null. Guarded by lock. */
    private Future<?> contentionCheck;
    /** Set by {@link #close()}: no timer is started after it. Guarded by lock. */
    private boolean closed;

    /**
     * @param fetchExecutor runs {@link TokenSource#fetch()}; a waiting caller is then bounded by
     *                      {@code maxWait} even while the fetch itself runs on
     * @param scheduler     runs the refresh and retry timers
     * @param random        supplies numbers in [0, 1) for the refresh jitter and the backoff
     * @param events        told of callers' waits and forced refreshes
     */
    public TokenCache(TokenSource source, CachePolicy policy, Executor fetchExecutor, Scheduler scheduler, Clock clock,
            DoubleSupplier random, TokenEvents events) {
        this(source, policy, fetchExecutor, scheduler, clock, random, events, RejectionArbiter.LOCAL);
    }

    /**
     * @param arbiter decides, for every server sharing the token, what becomes of a rejected one
     * @see #TokenCache(TokenSource, CachePolicy, Executor, Scheduler, Clock, DoubleSupplier, TokenEvents)
     */
    public TokenCache(TokenSource source, CachePolicy policy, Executor fetchExecutor, Scheduler scheduler, Clock clock,
            DoubleSupplier random, TokenEvents events, RejectionArbiter arbiter) {
        this.arbiter = Objects.requireNonNull(arbiter, "arbiter");
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.fetchExecutor = Objects.requireNonNull(fetchExecutor, "fetchExecutor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.events = Objects.requireNonNull(events, "events");
        this.contention = new Contention(policy.contention(), policy.minForcedRefresh());
    }

    /**
     * Returns a usable token, fetching one if none is cached.
     *
     * @throws AiobException when no token could be obtained within {@code maxWait}, or the last
     *                       fetch failed less than its backoff ago
     */
    public String token() {
        String token = fresh;
        return token != null ? token : slowToken().value();
    }

    /** Returns the cached token's status without fetching. */
    public TokenStatus status() {
        AccessToken token = current;
        if (token == null) {
            return TokenStatus.NONE;
        }
        return new TokenStatus(token.stateAt(clock.instant()), token.expiresAt(), token.fingerprint());
    }

    /**
     * Drops {@code token} after AIOB rejected it, if it is still the cached one, so that the next
     * caller fetches a new one. A caller holding a token that was already dropped or replaced does
     * not drop its replacement. At most one such forced refresh happens per
     * {@code minForcedRefresh}: a rejection of the current token sooner than that keeps it.
     *
     * @return what became of the token; only {@link TokenInvalidation#RATE_LIMITED} means that the
     *         next call would send the rejected token again
     */
    public TokenInvalidation invalidate(String token) {
        // One rejection at a time is decided with the other servers: the callers that were sent the
        // same token learn the one verdict, instead of each asking the store and racing to drop it.
        synchronized (arbitration) {
            AccessToken rejected;
            Duration interval;
            boolean kept;
            synchronized (lock) {
                rejected = current;
                if (rejected == null || !rejected.value().equals(token)) {
                    return logged(TokenInvalidation.ALREADY_REPLACED, token);
                }
                Instant now = clock.instant();
                kept = rateLimited(now);
                if (kept) {
                    countContention(rejected, TokenInvalidation.RATE_LIMITED, now);
                }
                interval = contention.forcedRefreshInterval();
            }
            if (kept) {
                arbiter.keptByRateLimit();
                return logged(TokenInvalidation.RATE_LIMITED, token);
            }
            // Other servers sharing the token may have replaced it, or forced a refresh too recently.
            TokenInvalidation shared = arbiter.decide(rejected, interval);
            Instant now = clock.instant();
            TokenInvalidation outcome;
            synchronized (lock) {
                if (current != rejected) {
                    outcome = TokenInvalidation.ALREADY_REPLACED; // adopted or refreshed meanwhile
                } else {
                    countContention(rejected, shared, now);
                    outcome = shared == TokenInvalidation.RATE_LIMITED || rateLimited(now)
                            ? TokenInvalidation.RATE_LIMITED : forceRefresh(shared, now);
                }
            }
            if (outcome == TokenInvalidation.DROPPED) {
                Observers.report(events::reauthenticated);
            }
            return logged(outcome, token);
        }
    }

    /**
     * Takes a token another server obtained, unless it was obtained before the one cached here (a
     * refresh elsewhere, the replacement of a token AIOB rejected, or the winner of two tokens
     * obtained at once): from now on it is the one served.
     *
     * @return whether it was taken
     */
    public boolean adopt(TokenGrant grant) {
        Objects.requireNonNull(grant.obtainedAt(), "obtainedAt");
        AccessToken token = policy.refresh().schedule(grant, grant.obtainedAt(), random.getAsDouble());
        Instant now = clock.instant();
        synchronized (lock) {
            AccessToken held = current;
            if (closed || token.stateAt(now) == TokenState.EXPIRED || held != null
                    && (held.value().equals(token.value()) || token.obtainedAt().isBefore(held.obtainedAt()))) {
                return false;
            }
            if (!install(token, now) && token.stateAt(now) == TokenState.STALE && flight == null) {
                startTimer(() -> refreshInBackground(token, true), Duration.ZERO);
            }
        }
        LOG.info(() -> tookShared(grant, token));
        return true;
    }

    private static String tookShared(TokenGrant grant, AccessToken token) {
        return "Took the AIOB token that server " + grant.obtainedBy() + " obtained (fingerprint " + token.fingerprint()
                + ", obtained " + token.obtainedAt() + ", expires " + token.expiresAt() + ")";
    }

    /** Holds lock. */
    private boolean rateLimited(Instant now) {
        return lastForcedRefresh != null && now.isBefore(lastForcedRefresh.plus(contention.forcedRefreshInterval()));
    }

    /**
     * Drops the current token, which AIOB rejected, so that the next caller fetches (or, with
     * {@code verdict} ALREADY_REPLACED, takes the newer token another server shared). Holds lock.
     */
    private TokenInvalidation forceRefresh(TokenInvalidation verdict, Instant now) {
        // Only a getToken counts against the limit: taking the store's newer token costs none, and a
        // rejection of that one, soon after, must still force the refresh it needs.
        if (verdict == TokenInvalidation.DROPPED) {
            lastForcedRefresh = now;
            contention.forcedRefresh(random.getAsDouble());
        }
        drop();
        // A failure remembered from an earlier refresh must not stand in for the fetch this rejection
        // forces: the rate limit, not that backoff, bounds forced refreshes.
        failure = null;
        return verdict;
    }

    /**
     * Counts {@code rejected}, the current token, towards contention unless {@code verdict} says that
     * another server of the cluster had replaced it already (its own refresh, not another fetcher).
     * Holds lock.
     */
    private void countContention(AccessToken rejected, TokenInvalidation verdict, Instant now) {
        if (verdict != TokenInvalidation.ALREADY_REPLACED && contention.rejected(rejected.value(), currentSince, now)) {
            contentionBegan(now);
        }
    }

    /** Holds lock. */
    private void contentionBegan(Instant now) {
        ContentionPolicy rule = policy.contention();
        LOG.log(Level.WARNING, "AIOB rejected {0} tokens less than {1} after this server took them, within {2}:"
                + " another fetcher uses the same Access Key, and each of its getTokens revokes this server''s token."
                + " It is the other side of a split cluster, or another deployment (or application) configured with"
                + " this key. Give each deployment its own Access Key; for a cluster, configure the token store''s"
                + " split-brain protection (docs/cluster.md). Until these rejections stop for {2}, refreshes forced"
                + " by rejections back off from {3} ({4}) up to {5} ({6})", new Object[] {
                    contention.rejectionsInWindow(now), rule.tokenAge(), rule.window(), policy.minForcedRefresh(),
                    AiobConfigKeys.REAUTH_MIN_INTERVAL, rule.backoffMax(), AiobConfigKeys.CONTENTION_BACKOFF_MAX});
        Observers.report(events::contentionBegan);
        checkContentionAt(contention.quietAt(), now);
    }

    /** Holds lock. */
    private void checkContentionAt(Instant at, Instant now) {
        if (closed) {
            return;
        }
        try {
            contentionCheck = scheduler.schedule(this::endContentionIfQuiet, Duration.between(now, at));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "No timer to end the contention episode; the next rejection checks it", e);
        }
    }

    private void endContentionIfQuiet() {
        synchronized (lock) {
            Instant now = clock.instant();
            Instant since = contention.since().orElse(null);
            if (since == null) {
                return;
            }
            if (!contention.endIfQuiet(now)) {
                checkContentionAt(contention.quietAt(), now);
                return;
            }
            contentionEnded(since, "no token was rejected soon after this server took it for "
                    + policy.contention().window());
        }
    }

    /** Holds lock. */
    private void contentionEnded(Instant since, String why) {
        if (contentionCheck != null) {
            contentionCheck.cancel(false);
            contentionCheck = null;
        }
        LOG.log(Level.INFO, "The contention for the Access Key that began at {0} is over: {1}. Refreshes forced by"
                + " rejections are limited by {2} again", new Object[] {since, why, AiobConfigKeys.REAUTH_MIN_INTERVAL});
        Observers.report(events::contentionEnded);
    }

    /** {@return since when AIOB keeps rejecting young tokens of this server, if it does now} */
    public Optional<Instant> contentionSince() {
        synchronized (lock) {
            return contention.since();
        }
    }

    private TokenInvalidation logged(TokenInvalidation outcome, String token) {
        String fingerprint = Fingerprint.of(token);
        switch (outcome) {
            case DROPPED -> LOG.log(Level.WARNING, "AIOB rejected token {0}; {1}",
                    new Object[] {fingerprint, outcome.description()});
            // During contention every call would say it; the WARNING that began the episode says why once.
            case RATE_LIMITED -> LOG.log(contention.during() ? Level.FINE : Level.WARNING, "AIOB rejected token {0}"
                    + " less than {1} ms after the last forced refresh; {2}", new Object[] {fingerprint,
                            contention.forcedRefreshInterval().toMillis(), outcome.description()});
            // Many callers may still hold the token the first of them dropped: one line for all is the DROPPED one.
            case ALREADY_REPLACED -> LOG.log(Level.FINE, "AIOB rejected token {0}; {1}",
                    new Object[] {fingerprint, outcome.description()});
        }
        return outcome;
    }

    /**
     * Forgets the token and any remembered failure, e.g. because the credentials changed; the
     * next caller fetches with whatever credentials are configured then.
     */
    public void reset() {
        synchronized (lock) {
            drop();
            failure = null;
            lastForcedRefresh = null;
            Optional<Instant> since = contention.since();
            contention.reset();
            since.ifPresent(began -> contentionEnded(began, "the credentials changed"));
        }
    }

    /** Returns how many callers are waiting for a fetch right now. */
    public int waitingCallers() {
        return waitingCallers.get();
    }

    /** Cancels the pending timer and starts no new one; cached tokens are still served. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            fresh = null;
            cancelTimer();
            if (contentionCheck != null) {
                contentionCheck.cancel(false);
            }
        }
    }

    private AccessToken slowToken() {
        Instant now = clock.instant();
        AccessToken token = current;
        if (token != null) {
            TokenState state = token.stateAt(now);
            if (state == TokenState.STALE) {
                refreshInBackground(token, true);
            }
            if (state != TokenState.EXPIRED) {
                return token;
            }
        }
        Failure last = failure;
        if (last != null && now.isBefore(last.retryAt())) {
            throw last.error();
        }
        Observers.report(events::callerWaited);
        return await(foregroundFlight(now));
    }

    /** Returns the fetch a caller without a usable token must wait for, starting it if needed. */
    private CompletableFuture<AccessToken> foregroundFlight(Instant now) {
        CompletableFuture<AccessToken> started;
        synchronized (lock) {
            if (flight != null) {
                return flight;
            }
            // Re-check under the lock: a fetch may have ended since the caller looked.
            AccessToken token = current;
            if (token != null && token.stateAt(now) != TokenState.EXPIRED) {
                return CompletableFuture.completedFuture(token);
            }
            Failure last = failure;
            if (last != null && now.isBefore(last.retryAt())) {
                return CompletableFuture.failedFuture(last.error());
            }
            started = new CompletableFuture<>();
            flight = started;
        }
        launch(started, null);
        return started;
    }

    /**
     * Starts a fetch to replace {@code token}, unless it was replaced or dropped, a fetch is
     * running, or (when {@code honourBackoff}) the backoff after a failure lasts.
     */
    private void refreshInBackground(AccessToken token, boolean honourBackoff) {
        // Most STALE callers find the refresh already running, or the backoff on: no lock for them.
        if (flight != null || (honourBackoff && waitsNow(failure, refreshDeferredUntil))) {
            return;
        }
        CompletableFuture<AccessToken> started;
        synchronized (lock) {
            if (closed || flight != null || current != token
                    || (honourBackoff && waitsNow(failure, refreshDeferredUntil))) {
                return;
            }
            fresh = null;
            started = new CompletableFuture<>();
            flight = started;
        }
        launch(started, token);
    }

    /** Whether the backoff after {@code last} failure, or a deferral until {@code deferredUntil}, lasts. */
    private boolean waitsNow(Failure last, Instant deferredUntil) {
        Instant now = clock.instant();
        return (last != null && now.isBefore(last.retryAt())) || (deferredUntil != null && now.isBefore(deferredUntil));
    }

    /**
     * Runs the fetch on the fetch executor; with a direct executor it runs right here.
     *
     * @param replacing the usable token a refresh replaces, or null for a fetch that callers need
     */
    private void launch(CompletableFuture<AccessToken> started, AccessToken replacing) {
        try {
            fetchExecutor.execute(() -> fetchInto(started, replacing));
        } catch (RejectedExecutionException e) {
            failed(started, new AiobUnavailableException("The token fetch could not be started: " + e.getMessage()));
        }
    }

    private void fetchInto(CompletableFuture<AccessToken> started, AccessToken replacing) {
        Instant sentAt = clock.instant();
        TokenGrant grant;
        AccessToken token;
        try {
            grant = replacing == null ? source.fetch() : source.refresh();
            Instant from = grant.obtainedAt() == null ? sentAt : grant.obtainedAt();
            token = policy.refresh().schedule(grant, from, random.getAsDouble());
        } catch (RefreshDeferred deferral) {
            if (!deferred(started, replacing, deferral)) {
                fetchInto(started, null);
            }
            return;
        } catch (RuntimeException | Error e) {
            failed(started, asAiobException(e));
            return;
        }
        succeeded(started, grant, token, sentAt);
    }

    /**
     * A refresh the source put off: the token in hand is served on, and the refresh tried again
     * after the deferral, or when the token becomes unusable if that is sooner.
     *
     * @return false, with the flight still on, when no usable token is left: it must be a fetch
     */
    private boolean deferred(CompletableFuture<AccessToken> done, AccessToken replacing, RefreshDeferred deferral) {
        Instant now = clock.instant();
        AccessToken served;
        Instant retryAt;
        synchronized (lock) {
            served = current;
            if (served == null || served.stateAt(now) == TokenState.EXPIRED) {
                return false;
            }
            endFlight(done);
            if (served != replacing) {
                done.complete(served); // replaced meanwhile: nothing left to refresh
                return true;
            }
            Instant asked = now.plus(deferral.retryAfter());
            retryAt = asked.isBefore(served.unusableAt()) ? asked : served.unusableAt();
            refreshDeferredUntil = retryAt;
            cancelTimer();
            startTimer(() -> refreshInBackground(replacing, false), Duration.between(now, retryAt));
        }
        LOG.fine(() -> "The refresh of token " + served.fingerprint() + " waits: " + deferral.getMessage()
                + "; it is tried again at " + retryAt);
        done.complete(served);
        return true;
    }

    private void succeeded(CompletableFuture<AccessToken> done, TokenGrant grant, AccessToken token, Instant sentAt) {
        Instant now = clock.instant();
        AccessToken adopted;
        synchronized (lock) {
            endFlight(done);
            AccessToken held = current;
            // Adopted from another server while this flight ran: the same token (its notification came
            // first), or a newer one; the flight's token may be the very one that server replaced
            // because AIOB rejected it.
            adopted = held != null && (held.value().equals(token.value())
                    || held.obtainedAt().isAfter(token.obtainedAt())) ? held : null;
            if (adopted == null) {
                install(token, now);
            }
        }
        if (adopted != null) {
            LOG.fine(() -> "A fetch returned token " + token.fingerprint() + "; kept " + adopted.fingerprint()
                    + ", adopted meanwhile");
            done.complete(adopted);
            return;
        }
        // Distinct lines for a getToken of this server's and a token taken from the store: the first count getTokens.
        LOG.info(() -> grant.obtainedBy() != null ? tookShared(grant, token)
                : "Obtained an AIOB token from getToken (fingerprint " + token.fingerprint() + ", expires "
                        + token.expiresAt() + ", refresh from " + token.refreshAt() + ") in "
                        + Duration.between(sentAt, now).toMillis() + " ms");
        done.complete(token);
    }

    private void failed(CompletableFuture<AccessToken> done, AiobException error) {
        Instant now = clock.instant();
        Failure last;
        AccessToken usable;
        synchronized (lock) {
            endFlight(done);
            int failures = failure == null ? 1 : failure.consecutive() + 1;
            last = new Failure(error, failures, now.plus(policy.failureBackoff().after(failures, random.getAsDouble())));
            failure = last;
            usable = current != null && current.stateAt(now) != TokenState.EXPIRED ? current : null;
            if (usable != null) {
                // Keep renewing while the token is good, even if no call comes to trigger it.
                cancelTimer();
                AccessToken kept = usable;
                startTimer(() -> refreshInBackground(kept, false), Duration.between(now, last.retryAt()));
            }
        }
        log(last, usable);
        done.completeExceptionally(error);
    }

    /**
     * The fast-path timer: from here on callers read the clock. It also starts the refresh, at once
     * or, when the fast path ended early to keep {@link AccessToken#TIMER_GUARD} before the token
     * becomes unusable, with a second timer at the refresh time.
     */
    private void fastPathEnds(AccessToken token) {
        Instant now = clock.instant();
        synchronized (lock) {
            if (fresh == null || current != token) {
                return; // replaced or dropped meanwhile
            }
            fresh = null;
            if (now.isBefore(token.refreshAt())) {
                startTimer(() -> refreshInBackground(token, true), Duration.between(now, token.refreshAt()));
                return;
            }
        }
        if (!now.isBefore(token.unusableAt())) {
            LOG.log(Level.WARNING, "The timer ending token {0}''s fast path ran {1} ms late, after the token became"
                    + " unusable at {2}: the JVM was paused or the scheduled executor was overloaded. Calls in"
                    + " that time may have sent the token; AIOB''s rejection of it is handled like any other.",
                    new Object[] {token.fingerprint(), Duration.between(token.fastUntil(), now).toMillis(),
                            token.unusableAt()});
        }
        refreshInBackground(token, true);
    }

    private static void log(Failure failure, AccessToken usable) {
        AiobException error = failure.error();
        // A yielding server's store says once when the split begins (WARNING) and when it ends (INFO):
        // each refusal in between is no news.
        Level level = error instanceof AiobClusterSplitException ? Level.FINE : Level.WARNING;
        if (usable != null) {
            LOG.log(level, "Could not refresh the AIOB token: {0}. Still sending token {1} (usable until {2});"
                    + " next attempt at {3}", new Object[] {error.getMessage(), usable.fingerprint(),
                            usable.unusableAt(), failure.retryAt()});
            return;
        }
        boolean needsFixing = error instanceof AiobCredentialsRejectedException
                || error instanceof AiobConfigurationException;
        LOG.log(needsFixing ? Level.SEVERE : level, "Could not obtain an AIOB token: {0}. Calls fail at once"
                + " with this error until {1}; the first call after that tries again",
                new Object[] {error.getMessage(), failure.retryAt()});
    }

    /**
     * Makes {@code token} the one served, forgetting any remembered failure, and serves it from
     * the fast path until its fast-path time. Holds lock.
     *
     * @return whether the fast path is on; false when the token is past that time, or no timer runs
     */
    private boolean install(AccessToken token, Instant now) {
        current = token;
        currentSince = now;
        failure = null;
        refreshDeferredUntil = null;
        fresh = null;
        cancelTimer();
        if (now.isBefore(token.fastUntil())
                && startTimer(() -> fastPathEnds(token), Duration.between(now, token.fastUntil()))) {
            fresh = token.value();
            return true;
        }
        return false;
    }

    /** Clears the flight first, so that a caller arriving after it ended starts a new one. Holds lock. */
    private void endFlight(CompletableFuture<AccessToken> done) {
        if (flight == done) {
            flight = null;
        }
    }

    /** Forgets the cached token. Holds lock. */
    private void drop() {
        fresh = null;
        current = null;
        cancelTimer();
    }

    /** Holds lock. Returns false, leaving no timer, when the scheduler refuses (e.g. shutting down). */
    private boolean startTimer(Runnable task, Duration delay) {
        if (closed) {
            return false;
        }
        try {
            timer = scheduler.schedule(task, delay);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "No timer for the next token refresh; callers will start it", e);
            return false;
        }
    }

    /** Holds lock. */
    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private AccessToken await(CompletableFuture<AccessToken> awaited) {
        waitingCallers.incrementAndGet();
        try {
            return awaited.get(policy.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AiobUnavailableException("No AIOB token within " + policy.maxWait().toMillis() + " ms ("
                    + AiobConfigKeys.MAX_WAIT + "): " + source.waitingFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiobUnavailableException("Interrupted while waiting for an AIOB token");
        } catch (ExecutionException e) {
            throw asAiobException(e.getCause());
        } finally {
            waitingCallers.decrementAndGet();
        }
    }

    private static AiobException asAiobException(Throwable failure) {
        if (failure instanceof AiobException aiob) {
            return aiob;
        }
        LOG.log(Level.SEVERE, "Obtaining an AIOB token failed unexpectedly", failure);
        return new AiobUnavailableException("Obtaining an AIOB token failed unexpectedly; the server's log has why",
                failure);
    }

    /**
     * A failed fetch, remembered until {@code retryAt}: rethrown as it is, so callers see the
     * exact type and message (AIOB's code and msg included) without a getToken call each.
     */
    private record Failure(AiobException error, int consecutive, Instant retryAt) {
    }
}
