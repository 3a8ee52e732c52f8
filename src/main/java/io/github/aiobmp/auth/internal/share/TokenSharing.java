package io.github.aiobmp.auth.internal.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.internal.cache.AccessToken;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.RejectionArbiter;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/**
 * Shares one token among the servers of a cluster through a {@link BoundedTokenStore}, so that one
 * getToken serves them all: the cache fetches through it, asks it what becomes of a token AIOB
 * rejected, and is handed the grants other servers publish. One rule decides between two tokens
 * everywhere: <b>the newest wins</b>, by when its getToken was sent.
 *
 * <ul>
 *   <li><b>Fetch</b> ({@link #fetch}): a shared grant that is fresh, and newer than any this server
 *       served, is taken as it is. Else the server that takes the account's lease calls getToken,
 *       renewing the lease every quarter of its time while getToken runs, publishes the grant unless
 *       the store holds a newer one, and releases the lease. A lease names its holder
 *       ({@link Lease}): a server that finds its own (an earlier attempt whose answer came too late)
 *       releases it rather than waiting for itself. A server that loses the lease to another waits,
 *       at most {@code aiob.token.max-wait}, for the grant to appear, and takes the lease itself
 *       when it ends without one (its holder stopped: a lease not renewed ends after its time). A
 *       server that still has a usable token keeps serving it meanwhile: this runs as its
 *       background refresh.</li>
 *   <li><b>Rejections</b> ({@link #decide}): a rejected token is removed from the store only if it
 *       is still the shared one ({@code remove(key, old)}); when the shared grant is already a newer
 *       one, or another server holds the lease, the token was already replaced; when a rejection
 *       forced a refresh anywhere less than {@code aiob.token.reauth-min-interval} ago (the shared
 *       grant says when), it is rate-limited, for the whole cluster.</li>
 *   <li><b>Reconciliation</b> ({@link #watch}): when the store opens, answers again after an
 *       outage, sends a change notification, or is polled, this server compares its token with the
 *       shared one: it takes the shared one when it is newer (replacing even a FRESH token before
 *       AIOB rejects the old one), and publishes its own, compare-and-set, when that is newer or
 *       the store holds none. Servers that fetched alone while the store did not answer so converge
 *       on one token as soon as it answers.</li>
 * </ul>
 *
 * When the store does not answer, each of these falls back to what one server does alone. A token
 * AIOB rejected here is never taken back, nor one obtained before it.
 */
public final class TokenSharing implements TokenSource, RejectionArbiter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenSharing.class.getName());
    /** A server waiting for another's getToken looks at the store at least this often. */
    private static final Duration WAIT_STEP = Duration.ofMillis(250);
    /** Compare-and-set rounds of a publication before it yields to whoever keeps changing the grant. */
    private static final int PUBLISH_ROUNDS = 3;

    private final BoundedTokenStore store;
    private final TokenSource getToken;
    private final AiobSettings settings;
    private final Supplier<AiobSettings.Credentials> credentials;
    private final Scheduler scheduler;
    private final Clock clock;
    private final TokenEvents events;
    /** This server's name in leases and grants. */
    private final String server = ServerId.create();
    /** Numbers this server's fetches, so that a lease says which one took it. */
    private final AtomicLong attempts = new AtomicLong();
    private final Object changes = new Object();
    /** How many change notifications came: a wait for one does not miss one that came first. Guarded by changes. */
    private long changeCount;
    /** The last token AIOB rejected here: never taken back from the store. */
    private volatile String rejected;
    /**
     * When the newest token this server served was obtained: a grant obtained before it is stale
     * (left behind while the store did not answer, say) and never taken.
     */
    private final AtomicReference<Instant> newest = new AtomicReference<>(Instant.MIN);
    /** The newest grant this server served, fetched or taken: what it publishes when the store's is older. */
    private final AtomicReference<SealedGrant> served = new AtomicReference<>();
    /** The fetch whose lease was taken or released without an answer in time (0: none): released once the store answers. */
    private final AtomicLong unanswered = new AtomicLong();
    /** What the running fetch waits for, when it is not getToken; else null. */
    private volatile String waitingFor;
    /** Set when a rejection dropped the token: the next grant published says a refresh was forced. */
    private volatile boolean forcedPending;
    private volatile Future<?> poll;
    private volatile boolean closed;

    /**
     * @param store       the shared store, each operation bounded
     * @param getToken    getToken with its retries: called only by the lease holder, or when the
     *                    store does not answer
     * @param settings    {@code aiob.url} (with the Access Key, it names the account), the cache's
     *                    policy, and the store's lease and poll interval
     * @param credentials the credentials of the next getToken: their Access Key names the account,
     *                    their Secret Key seals the grant
     * @param scheduler   renews the lease while getToken runs, and polls the store
     * @param events      told of leases, adoptions, reconciliations and fetches made without the store
     */
    public TokenSharing(BoundedTokenStore store, TokenSource getToken, AiobSettings settings,
            Supplier<AiobSettings.Credentials> credentials, Scheduler scheduler, Clock clock, TokenEvents events) {
        this.store = Objects.requireNonNull(store, "store");
        this.getToken = Objects.requireNonNull(getToken, "getToken");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** {@return this server's name in leases, grants and logs, e.g. {@code app-7:9080#3fa2}} */
    public String server() {
        return server;
    }

    @Override
    public TokenGrant fetch() {
        AiobSettings.Credentials keys = credentials.get();
        String account = AccountKey.of(settings.url(), keys.accessKey());
        boolean forced = forcedPending;
        forcedPending = false;
        long attempt = attempts.incrementAndGet();
        // Counted from the first lease lost: max-wait bounds the wait for another server's grant,
        // not the store's opening (bounded by open-timeout).
        Instant deadline = null;
        String lostTo = null;
        waitingFor = "the token store is slow to answer (each of its operations may take up to "
                + AiobConfigKeys.TOKEN_STORE_TIMEOUT + ")";
        try {
            releaseUnanswered(account);
            while (true) {
                long seen = changeCount();
                Shared shared = read(account, keys);
                if (shared.usable(clock.instant())) {
                    return serve(shared.grant());
                }
                // Past max-wait no caller waits for this fetch any more: it takes no lease to start a getToken.
                if (deadline != null && !clock.instant().isBefore(deadline)) {
                    throw new AiobUnavailableException("No AIOB token within " + maxWait().toMillis() + " ms ("
                            + AiobConfigKeys.MAX_WAIT + "): " + waitingFor);
                }
                Lease lease = Lease.taken(server, attempt, clock.instant());
                String holder = takeLease(account, lease);
                if (holder == null) {
                    waitingFor = null;
                    Observers.report(events::leaseWon);
                    if (lostTo != null && !shared.publishedSince(lostTo)) {
                        leaseEndedWithoutAToken(lostTo);
                    }
                    return fetchUnderLease(account, keys, forced, lease);
                }
                if (lostTo == null) {
                    Observers.report(events::leaseLost);
                    deadline = clock.instant().plus(maxWait());
                }
                lostTo = holder;
                waitingFor = Lease.describe(holder) + " and has published no token yet";
                Instant now = clock.instant();
                if (now.isBefore(deadline)) {
                    awaitChange(seen, min(WAIT_STEP, Duration.between(now, deadline)));
                }
            }
        } catch (BoundedTokenStore.Unavailable e) {
            LOG.log(Level.FINE, "Fetching on this server alone: {0}", e.getMessage());
            Observers.report(events::fetchedWithoutStore);
            waitingFor = null;
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TokenGrant alone = getToken.fetch();
            return serve(new SealedGrant(alone.accessToken(), sentAt, sentAt.plus(alone.lifetime()),
                    forced ? sentAt : null, server));
        } finally {
            waitingFor = null;
        }
    }

    /** The lease this server waited on ended, and its holder published nothing: it stopped, or its getToken failed. */
    private void leaseEndedWithoutAToken(String lease) {
        Observers.report(events::leaseExpired);
        LOG.log(Level.WARNING, "The token store''s lease ended without a token ({0}, last renewed {1}): its holder"
                + " stopped, or its getToken failed. This server calls getToken instead", new Object[] {
                        Lease.describe(lease), Lease.parse(lease).map(Lease::renewedAt).map(Instant::toString)
                                .orElse("at an unknown time")});
    }

    /**
     * Takes the account's lease for {@code lease}; when this server's own lease stands in the way
     * (an earlier attempt's, whose answer came too late), releases it and takes it again.
     *
     * @return null when this server holds it now; else the value of the lease another server holds
     */
    private String takeLease(String account, Lease lease) {
        for (int round = 0; round < 2; round++) {
            try {
                if (store.acquireLease(account, lease.encode())) {
                    return null;
                }
            } catch (BoundedTokenStore.Unavailable e) {
                // It may have been stored all the same: released once the store answers again.
                unanswered.set(lease.attempt());
                throw e;
            }
            Optional<String> holder = store.leaseHolder(account);
            if (holder.isPresent() && !Lease.parse(holder.get()).filter(held -> held.server().equals(server))
                    .isPresent()) {
                return holder.get();
            }
            // Ended meanwhile, or this server's own: one fetch runs at a time, so it is an earlier one's.
            holder.ifPresent(own -> {
                LOG.log(Level.FINE, "Releasing this server''s lease of an earlier attempt: {0}", own);
                store.releaseLease(account, own);
            });
        }
        return store.leaseHolder(account).orElse("");
    }

    /** {@return the account's lease, when this server's fetch {@code attempt} holds it} */
    private Optional<Lease> heldBy(String account, long attempt) {
        return store.leaseHolder(account).flatMap(Lease::parse)
                .filter(held -> held.server().equals(server) && held.attempt() == attempt);
    }

    /** Releases the lease of {@code attempt}, whatever renewal of it the store holds. */
    private void release(String account, long attempt) {
        try {
            heldBy(account, attempt).ifPresent(held -> store.releaseLease(account, held.encode()));
            unanswered.compareAndSet(attempt, 0);
        } catch (BoundedTokenStore.Unavailable e) {
            unanswered.set(attempt);
            LOG.log(Level.FINE, "The lease was not released; it is later, or ends by itself: {0}", e.getMessage());
        }
    }

    /** Releases a lease of this server's that an operation without an answer in time may have left. */
    private void releaseUnanswered(String account) {
        long attempt = unanswered.get();
        if (attempt != 0) {
            release(account, attempt);
        }
    }

    private TokenGrant fetchUnderLease(String account, AiobSettings.Credentials keys, boolean forced, Lease lease) {
        LeaseRenewal renewal = new LeaseRenewal(account, lease);
        try {
            // Another server may have published between the read and the lease.
            Shared shared = read(account, keys);
            if (shared.usable(clock.instant())) {
                return serve(shared.grant());
            }
            renewal.start();
            // Shared to the millisecond: counting the lifetime from a little earlier only errs early.
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TokenGrant fetched = getToken.fetch();
            Instant forcedAt = forced ? sentAt : shared.grant() == null ? null : shared.grant().forcedAt();
            SealedGrant grant = new SealedGrant(fetched.accessToken(), sentAt, sentAt.plus(fetched.lifetime()),
                    forcedAt, server);
            // Served before it is published: this server's own grant is not "adopted" from the listener.
            TokenGrant mine = serve(grant);
            try {
                publish(account, keys, grant);
            } catch (BoundedTokenStore.Unavailable e) {
                LOG.log(Level.FINE, "The token obtained here was not shared: {0}", e.getMessage());
            }
            return mine;
        } finally {
            renewal.stop();
            release(account, lease.attempt());
        }
    }

    /**
     * Notes that this server serves {@code grant}, and returns it for the cache. One obtained
     * elsewhere and newer than any served here is an adoption: counted once, however many of this
     * server's threads found it.
     */
    private TokenGrant serve(SealedGrant grant) {
        Instant before = newest.getAndAccumulate(grant.obtainedAt(), TokenSharing::later);
        served.accumulateAndGet(grant, (held, next) -> held == null || next.obtainedAt().isAfter(held.obtainedAt())
                ? next : held);
        if (!grant.obtainedBy().equals(server) && grant.obtainedAt().isAfter(before)) {
            Observers.report(events::adopted);
        }
        return grant.asGrant(server);
    }

    /**
     * Publishes {@code grant} unless the store holds a newer one: the newest wins.
     *
     * @return whether the store holds it now
     */
    private boolean publish(String account, AiobSettings.Credentials keys, SealedGrant grant) {
        String sealed = grant.seal(account, keys.secretKey());
        for (int round = 0; round < PUBLISH_ROUNDS; round++) {
            Shared shared = read(account, keys);
            if (shared.sealed() == null) {
                if (store.putGrantIfAbsent(account, sealed)) {
                    return true;
                }
            } else if (shared.grant() != null && !shared.grant().obtainedAt().isBefore(grant.obtainedAt())) {
                return false;
            } else if (store.replaceGrant(account, shared.sealed(), sealed)) {
                return true;
            }
        }
        LOG.log(Level.FINE, "The shared grant kept changing; this server's token was not published");
        return false;
    }

    @Override
    public TokenInvalidation decide(AccessToken token) {
        rejected = token.value();
        try {
            AiobSettings.Credentials keys = credentials.get();
            String account = AccountKey.of(settings.url(), keys.accessKey());
            Shared shared = read(account, keys);
            if (shared.grant() == null) {
                boolean elsewhere = store.leaseHolder(account).flatMap(Lease::parse)
                        .filter(lease -> !lease.server().equals(server)).isPresent();
                return elsewhere ? TokenInvalidation.ALREADY_REPLACED : forced();
            }
            if (!shared.grant().token().equals(token.value())) {
                if (!shared.grant().obtainedAt().isBefore(token.obtainedAt().truncatedTo(ChronoUnit.MILLIS))) {
                    return TokenInvalidation.ALREADY_REPLACED;
                }
                // Older than the rejected token: left behind while the store did not answer.
                store.removeGrant(account, shared.sealed());
                return forced();
            }
            Instant forcedAt = shared.grant().forcedAt();
            if (forcedAt != null && clock.instant().isBefore(forcedAt.plus(settings.cachePolicy().minForcedRefresh()))) {
                return TokenInvalidation.RATE_LIMITED;
            }
            return store.removeGrant(account, shared.sealed()) ? forced() : TokenInvalidation.ALREADY_REPLACED;
        } catch (BoundedTokenStore.Unavailable e) {
            return forced();
        }
    }

    private TokenInvalidation forced() {
        forcedPending = true;
        return TokenInvalidation.DROPPED;
    }

    @Override
    public String waitingFor() {
        String step = waitingFor;
        return store.openingSince().map(since -> "the token store has not opened yet (it opens since " + since
                + ", and is waited for until " + AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT + " after that)")
                .orElseGet(() -> step != null ? step : TokenSource.super.waitingFor());
    }

    /**
     * Reconciles {@code cache}'s token with the store's whenever they may differ: as the store opens
     * or answers again, on its change notifications, and on a poll every
     * {@code aiob.token-store.poll-interval} (none when zero) or, while the store does not answer,
     * every time it is tried again.
     */
    public void watch(TokenCache cache, Executor executor) {
        Runnable reconcile = () -> {
            try {
                executor.execute(() -> reconcile(cache));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "The shared grant was not looked at: the application is stopping", e);
            }
        };
        store.onAnswering(reconcile);
        store.onGrantChange(account -> {
            synchronized (changes) {
                changeCount++;
                changes.notifyAll();
            }
            reconcile.run();
        });
        schedulePoll(cache, clock.instant());
    }

    /**
     * Looks at the store once: takes its grant into {@code cache} when it is newer than this
     * server's token, and publishes this server's token when it is newer than the store's.
     */
    void reconcile(TokenCache cache) {
        if (closed) {
            return;
        }
        try {
            AiobSettings.Credentials keys = credentials.get();
            String account = AccountKey.of(settings.url(), keys.accessKey());
            releaseUnanswered(account);
            Shared shared = read(account, keys);
            SealedGrant theirs = shared.grant();
            if (theirs != null && !theirs.token().equals(rejected) && theirs.obtainedAt().isAfter(newest.get())) {
                if (cache.adopt(theirs.asGrant(server))) {
                    serve(theirs);
                    Observers.report(() -> events.reconciled(false));
                }
                return;
            }
            SealedGrant mine = served.get();
            // A grant this server cannot open (another Secret Key on the same Access Key) is left alone:
            // replacing it on every notification would be a war between the two.
            boolean publishable = mine != null && !mine.token().equals(rejected)
                    && clock.instant().isBefore(mine.expiresAt())
                    && (shared.sealed() == null || theirs != null && theirs.obtainedAt().isBefore(mine.obtainedAt()));
            if (publishable && publish(account, keys, mine)) {
                LOG.log(Level.INFO, "Shared this server''s AIOB token (fingerprint {0}, obtained {1}), newer than the"
                        + " token store''s ({2})", new Object[] {Fingerprint.of(mine.token()), mine.obtainedAt(),
                                theirs == null ? "none" : "fingerprint " + Fingerprint.of(theirs.token()) + ", obtained "
                                        + theirs.obtainedAt()});
                Observers.report(() -> events.reconciled(true));
            }
        } catch (BoundedTokenStore.Unavailable | AiobConfigurationException e) {
            LOG.log(Level.FINE, "No shared grant looked at: {0}", e.getMessage());
        }
    }

    /**
     * The poll's next tick, every time a degraded store is tried again: it reconciles when the store
     * does not answer (so that this server reconciles as soon as it answers), and every poll interval.
     */
    private void schedulePoll(TokenCache cache, Instant lastPoll) {
        if (closed) {
            return;
        }
        try {
            poll = scheduler.schedule(() -> {
                Duration every = settings.store().pollInterval();
                Instant now = clock.instant();
                boolean due = !every.isZero() && !now.isBefore(lastPoll.plus(every));
                if (due || !store.connected()) {
                    reconcile(cache);
                }
                schedulePoll(cache, due ? now : lastPoll);
            }, min(store.retryEvery(), pollEvery()));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "No poll of the token store: the application is stopping", e);
        }
    }

    private Duration pollEvery() {
        Duration every = settings.store().pollInterval();
        return every.isZero() ? store.retryEvery() : every;
    }

    /** Returns whether the store answers. */
    public boolean storeConnected() {
        return store.connected();
    }

    /** Stops the poll and closes the store. */
    @Override
    public void close() {
        closed = true;
        Future<?> pending = poll;
        if (pending != null) {
            pending.cancel(false);
        }
        store.close();
    }

    private Duration maxWait() {
        return settings.cachePolicy().maxWait();
    }

    private Shared read(String account, AiobSettings.Credentials keys) {
        Optional<String> sealed = store.grant(account);
        if (sealed.isEmpty()) {
            return new Shared(null, null);
        }
        // Sealed under other credentials (a rotation in progress), or broken: as good as absent.
        return new Shared(sealed.get(), SealedGrant.open(sealed.get(), account, keys.secretKey()).orElse(null));
    }

    private long changeCount() {
        synchronized (changes) {
            return changeCount;
        }
    }

    /** Waits for a change notification after the {@code seen}th, at most {@code atMost}. */
    private void awaitChange(long seen, Duration atMost) {
        synchronized (changes) {
            if (changeCount != seen) {
                return;
            }
            try {
                changes.wait(Math.max(1, atMost.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AiobUnavailableException("Interrupted while waiting for another server's AIOB token");
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Renews this server's lease every quarter of the lease time while its getToken runs, so that
     * the lease outlasts a slow getToken, yet ends within the lease time once its holder stops.
     * Each renewal replaces whatever renewal of this attempt's lease the store holds (one that did
     * not answer in time may have been applied), and the fetch's end waits for a renewal running.
     */
    private final class LeaseRenewal {

        private final String account;
        private final long attempt;
        private final Duration every;
        /** The lease as last renewed, for the log. Guarded by this. */
        private Lease lease;
        /** Guarded by this. */
        private Future<?> next;
        /** Guarded by this. */
        private boolean stopped;

        LeaseRenewal(String account, Lease lease) {
            this.account = account;
            this.attempt = lease.attempt();
            this.lease = lease;
            this.every = settings.store().lease().dividedBy(4);
        }

        synchronized void start() {
            schedule();
        }

        synchronized void stop() {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        /** Holds this. */
        private void schedule() {
            try {
                next = scheduler.schedule(this::renew, every);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "The lease is not renewed: the application is stopping", e);
            }
        }

        /** Holds this for at most two of the store's timeouts. */
        private synchronized void renew() {
            if (stopped) {
                return;
            }
            try {
                Optional<Lease> held = heldBy(account, attempt);
                if (held.isEmpty()) {
                    stopped = true;
                    expired();
                    return;
                }
                Lease renewed = held.get().renewed(clock.instant());
                if (store.renewLease(account, held.get().encode(), renewed.encode())) {
                    lease = renewed;
                }
            } catch (BoundedTokenStore.Unavailable e) {
                LOG.log(Level.FINE, "The lease was not renewed this time: {0}", e.getMessage());
            }
            schedule();
        }

        /** Holds this. */
        private void expired() {
            Observers.report(events::leaseExpired);
            LOG.log(Level.WARNING, "This server''s lease on the AIOB token store ended while its getToken ran (taken {0},"
                    + " last renewed {1}; {2} lasts {3} ms): it could not renew it in time, and another server may"
                    + " call getToken at the same time", new Object[] {lease.since(), lease.renewedAt(),
                            AiobConfigKeys.TOKEN_STORE_LEASE, settings.store().lease().toMillis()});
        }
    }

    /** What the store holds: its text (to compare against), and the grant if this server can open it. */
    private final class Shared {

        private final String sealed;
        private final SealedGrant grant;

        Shared(String sealed, SealedGrant grant) {
            this.sealed = sealed;
            this.grant = grant;
        }

        /** The text as stored, even when this server cannot open it: what a replace or remove compares. */
        String sealed() {
            return sealed;
        }

        SealedGrant grant() {
            return grant;
        }

        /** Whether a grant was published since {@code lease} was taken: then that lease was not in vain. */
        boolean publishedSince(String lease) {
            return sealed != null && Lease.parse(lease).map(taken -> grant == null
                    || !grant.obtainedAt().isBefore(taken.since().truncatedTo(ChronoUnit.MILLIS))).orElse(true);
        }

        /**
         * Fresh by the earliest refresh time this policy gives it, not the token AIOB rejected here,
         * and not older than one this server served.
         */
        boolean usable(Instant now) {
            if (grant == null || grant.token().equals(rejected) || grant.obtainedAt().isBefore(newest.get())) {
                return false;
            }
            AccessToken token = settings.cachePolicy().refresh().schedule(grant.asGrant(server), grant.obtainedAt(),
                    0.0);
            return token.stateAt(now) == TokenState.FRESH;
        }
    }
}
