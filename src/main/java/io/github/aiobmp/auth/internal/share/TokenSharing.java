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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobClusterSplitException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.internal.cache.AccessToken;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.RefreshDeferred;
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
 * everywhere: <b>the newest wins</b>, by when its getToken was sent ({@link SealedGrant#newerThan}).
 *
 * <ul>
 *   <li><b>Fetch</b> ({@link #fetch}): a shared grant that is fresh, and not older than any this
 *       server served, is taken as it is. Else the server that takes the account's lease
 *       ({@link Leases}) calls getToken, renewing the lease while getToken runs, publishes the grant
 *       unless the store holds a newer one, and releases the lease. A server that loses the lease to
 *       another waits, at most {@code aiob.token.max-wait}, for the grant to appear, and takes the
 *       lease itself when it ends without one (its holder stopped: a lease not renewed ends after
 *       its time). A server that still has a usable token keeps serving it meanwhile: this runs as
 *       its background refresh.</li>
 *   <li><b>Rejections</b> ({@link #decide}): a rejected token is removed from the store only if it
 *       is still the shared one ({@code remove(key, old)}); when the shared grant is already a newer
 *       one, or another server holds the lease, the token was already replaced; when a rejection
 *       forced a refresh anywhere less than {@code aiob.token.reauth-min-interval} ago (the shared
 *       grant says when), it is rate-limited, for the whole cluster.</li>
 *   <li><b>Reconciliation</b> ({@link #watch}): when the store opens, answers again after an
 *       outage, sends a change notification, or is polled, this server takes the store's grant when
 *       it is newer than its own (replacing even a FRESH token before AIOB rejects the old one), and
 *       publishes, compare-and-set, a token it obtained while the store did not answer when that is
 *       newer than the store's or the store holds none. Servers that fetched alone thus converge on
 *       one token as soon as the store answers. Only such a token is published: an empty store may
 *       mean that another server removed the token AIOB rejected, which must not come back.</li>
 * </ul>
 *
 * When the store does not answer, each of these falls back to what one server does alone. When it
 * refuses for lack of quorum, this server yields: it fetches no token, and serves none
 * ({@link #refuseWhileYielding}), until the store answers again. What a
 * server knows of an account (the newest token it served, the last AIOB rejected, a token not
 * shared yet) is forgotten when the credentials name another account.
 */
public final class TokenSharing implements TokenSource, RejectionArbiter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenSharing.class.getName());
    /** A server waiting for another's getToken looks at the store at least this often. */
    private static final Duration WAIT_STEP = Duration.ofMillis(250);
    /** How often a rejection the rate limit keeps may ask the store whether this side has quorum. */
    private static final Duration ASK_ON_KEPT_REJECTION_EVERY = Duration.ofSeconds(1);
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
    private final Leases leases;
    private final Object changes = new Object();
    /** How many change notifications came: a wait for one does not miss one that came first. Guarded by changes. */
    private long changeCount;
    /** What this server knows of the account its credentials name now. */
    private final AtomicReference<Known> known = new AtomicReference<>(new Known(""));
    /** What the running fetch waits for, when it is not getToken; else null. */
    private volatile String waitingFor;
    private volatile Executor executor = Runnable::run;
    /** Reconciliations asked for and not run yet; one runs at a time. */
    private final AtomicInteger reconcileRequests = new AtomicInteger();
    private volatile Future<?> poll;
    private volatile boolean closed;
    /** When a rejection kept by the rate limit last had the store asked, and whether that ask runs. */
    private volatile Instant askedOnKeptRejection;
    private final AtomicBoolean askingOnKeptRejection = new AtomicBoolean();

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
        this.leases = new Leases(store, server, settings.store().lease(), scheduler, clock, events);
    }

    /** {@return this server's name in leases, grants and logs, e.g. {@code app-7:9080#3fa2c41d}} */
    public String server() {
        return server;
    }

    @Override
    public TokenGrant fetch() {
        return fetch(false);
    }

    /**
     * As {@link #fetch()}, except while the store does not answer: then the token in hand serves on
     * and the refresh waits for the store, where a fetch would go alone. A token fetched alone revokes
     * the one every other server serves, if new tokens revoke older ones; the store slow for a moment
     * (a member's pause, a network cut not yet detected) would cost the cluster a revocation.
     */
    @Override
    public TokenGrant refresh() {
        return fetch(true);
    }

    private TokenGrant fetch(boolean ahead) {
        AiobSettings.Credentials keys = credentials.get();
        Known account = known(keys);
        boolean forced = account.forcedPending;
        account.forcedPending = false;
        long attempt = leases.nextAttempt();
        // Counted from the first lease lost: max-wait bounds the wait for another server's grant,
        // not the store's opening (bounded by open-timeout).
        Instant deadline = null;
        String lostTo = null;
        waitingFor = "the token store is slow to answer (each of its operations may take up to "
                + AiobConfigKeys.TOKEN_STORE_TIMEOUT + ")";
        // Where the store's failure would have it fetch alone, it asks the store first, even degraded.
        boolean askEvenIfDegraded = !ahead || forced;
        try {
            leases.releaseUnanswered(account.key);
            while (true) {
                long seen = changeCount();
                Shared shared = askEvenIfDegraded ? read(store.grantBeforeFetchingAlone(account.key), account.key,
                        keys) : read(account.key, keys);
                askEvenIfDegraded = false;
                if (shared.usable(account, clock.instant())) {
                    return taken(account, shared.grant());
                }
                // Past max-wait no caller waits for this fetch any more: it takes no lease to start a getToken.
                if (deadline != null && !clock.instant().isBefore(deadline)) {
                    throw new AiobUnavailableException("No AIOB token within " + maxWait().toMillis() + " ms ("
                            + AiobConfigKeys.MAX_WAIT + "): " + waitingFor);
                }
                Lease lease = leases.lease(attempt);
                String holder = leases.take(account.key, lease);
                if (holder == null) {
                    waitingFor = null;
                    Observers.report(events::leaseWon);
                    if (lostTo != null && !shared.publishedSince(lostTo)) {
                        leases.endedWithoutAToken(lostTo);
                    }
                    return fetchUnderLease(account, keys, forced, lease);
                }
                if (deadline == null) {
                    deadline = clock.instant().plus(maxWait());
                }
                // Empty while the lease changes hands: looked at again, within the same max-wait.
                if (!holder.isEmpty()) {
                    if (lostTo == null) {
                        Observers.report(events::leaseLost);
                    }
                    lostTo = holder;
                    waitingFor = Lease.describe(holder) + " and has published no token yet";
                }
                awaitChange(seen, min(WAIT_STEP, Duration.between(clock.instant(), deadline)));
            }
        } catch (BoundedTokenStore.NoQuorum e) {
            Instant since = store.yieldingSince();
            throw split(since != null ? since : clock.instant());
        } catch (BoundedTokenStore.Unavailable e) {
            if (ahead && !forced) {
                throw new RefreshDeferred(e.getMessage() + "; a token fetched alone could revoke the one the other"
                        + " servers serve", store.retryEvery());
            }
            LOG.log(Level.FINE, "Fetching on this server alone: {0}", e.getMessage());
            Observers.report(events::fetchedWithoutStore);
            waitingFor = null;
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TokenGrant alone = getToken.fetch();
            SealedGrant grant = new SealedGrant(alone.accessToken(), sentAt, sentAt.plus(alone.lifetime()),
                    forced ? sentAt : null, server);
            // Published once the store answers, if still the newest.
            account.unshared.set(grant);
            return fetched(account, grant);
        } finally {
            waitingFor = null;
        }
    }

    private TokenGrant fetchUnderLease(Known account, AiobSettings.Credentials keys, boolean forced, Lease lease) {
        try {
            // Another server may have published between the read and the lease.
            Shared shared = read(account.key, keys);
            if (shared.usable(account, clock.instant())) {
                return taken(account, shared.grant());
            }
            SealedGrant grant;
            try (Leases.Renewal renewal = leases.renew(account.key, lease)) {
                // Shared to the millisecond: counting the lifetime from a little earlier only errs early.
                Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                TokenGrant fetched = getToken.fetch();
                Instant forcedAt = forced ? sentAt : shared.grant() == null ? null : shared.grant().forcedAt();
                grant = new SealedGrant(fetched.accessToken(), sentAt, sentAt.plus(fetched.lifetime()), forcedAt,
                        server);
            }
            // Served before it is published: this server's own grant is not "adopted" from the listener.
            TokenGrant mine = fetched(account, grant);
            try {
                publish(account, keys, grant);
            } catch (BoundedTokenStore.Unavailable e) {
                account.unshared.set(grant);
                LOG.log(Level.FINE, "The token obtained here was not shared yet: {0}", e.getMessage());
            }
            return mine;
        } finally {
            leases.release(account.key, lease.attempt());
        }
    }

    /** Serves a grant this server's getToken obtained: no adoption. */
    private TokenGrant fetched(Known account, SealedGrant grant) {
        account.served(grant);
        return new TokenGrant(grant.token(), Duration.between(grant.obtainedAt(), grant.expiresAt()),
                grant.obtainedAt());
    }

    /**
     * Serves a grant taken from the store. One newer than any served here, and obtained elsewhere,
     * is an adoption: counted once, however many of this server's threads found it.
     */
    private TokenGrant taken(Known account, SealedGrant grant) {
        if (account.served(grant) && !grant.obtainedBy().equals(server)) {
            Observers.report(events::adopted);
        }
        return grant.asGrant(server);
    }

    /**
     * Publishes {@code grant} unless the store holds a newer one: the newest wins.
     *
     * @return the text stored, or empty when the store holds a newer grant, or kept changing
     */
    private Optional<String> publish(Known account, AiobSettings.Credentials keys, SealedGrant grant) {
        String sealed = grant.seal(account.key, keys.secretKey());
        for (int round = 0; round < PUBLISH_ROUNDS; round++) {
            Shared shared = read(account.key, keys);
            boolean stored;
            if (shared.sealed() == null) {
                stored = store.putGrantIfAbsent(account.key, sealed);
            } else if (shared.grant() != null && !grant.newerThan(shared.grant())) {
                account.unshared.compareAndSet(grant, null);
                return Optional.empty();
            } else {
                stored = store.replaceGrant(account.key, shared.sealed(), sealed);
            }
            if (stored) {
                account.unshared.compareAndSet(grant, null);
                return Optional.of(sealed);
            }
        }
        LOG.log(Level.FINE, "The shared grant kept changing; this server's token was not published");
        return Optional.empty();
    }

    @Override
    public TokenInvalidation decide(AccessToken token, Duration minInterval) {
        try {
            AiobSettings.Credentials keys = credentials.get();
            Known account = known(keys);
            account.rejected = token.value();
            Shared shared = read(account.key, keys);
            if (shared.grant() == null) {
                boolean elsewhere = store.leaseHolder(account.key).flatMap(Lease::parse)
                        .filter(lease -> !lease.server().equals(server)).isPresent();
                return elsewhere ? TokenInvalidation.ALREADY_REPLACED : forced(account);
            }
            if (!shared.grant().token().equals(token.value())) {
                if (!shared.grant().obtainedAt().isBefore(token.obtainedAt().truncatedTo(ChronoUnit.MILLIS))) {
                    return TokenInvalidation.ALREADY_REPLACED;
                }
                // Older than the rejected token: left behind while the store did not answer.
                store.removeGrant(account.key, shared.sealed());
                return forced(account);
            }
            Instant forcedAt = shared.grant().forcedAt();
            if (forcedAt != null && clock.instant().isBefore(forcedAt.plus(minInterval))) {
                return TokenInvalidation.RATE_LIMITED;
            }
            return store.removeGrant(account.key, shared.sealed()) ? forced(account)
                    : TokenInvalidation.ALREADY_REPLACED;
        } catch (BoundedTokenStore.Unavailable e) {
            return forced(known(credentials.get()));
        }
    }

    /**
     * Has the store asked once, on the executor, even degraded (a network cut times its operations
     * out before the member finds itself alone), at most once per {@link #ASK_ON_KEPT_REJECTION_EVERY}
     * and one ask at a time: the rejection itself waits for nothing, and the calls after it find the
     * server yielding if the store refused for lack of quorum.
     */
    @Override
    public void keptByRateLimit() {
        Instant now = clock.instant();
        Instant last = askedOnKeptRejection;
        if (last != null && now.isBefore(last.plus(ASK_ON_KEPT_REJECTION_EVERY))
                || !askingOnKeptRejection.compareAndSet(false, true)) {
            return;
        }
        askedOnKeptRejection = now;
        try {
            executor.execute(() -> {
                try {
                    store.grantBeforeFetchingAlone(known(credentials.get()).key);
                } catch (BoundedTokenStore.Unavailable | AiobConfigurationException e) {
                    // A refusal for lack of quorum has made this server yield; anything else changes nothing.
                    LOG.log(Level.FINE, "A rejection kept by the rate limit asked the token store: {0}", e.getMessage());
                } finally {
                    askingOnKeptRejection.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            askingOnKeptRejection.set(false);
            LOG.log(Level.FINE, "The token store was not asked: the application is stopping", e);
        }
    }

    private static TokenInvalidation forced(Known account) {
        account.forcedPending = true;
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
     * {@code aiob.token-store.poll-interval} (none when zero) and, while the store does not answer,
     * every time it is tried again. Reconciliations run on {@code executor}.
     */
    public void watch(TokenCache cache, Executor executor) {
        this.executor = executor;
        Runnable reconcile = () -> reconcileLater(cache);
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
     * Has one reconciliation at a time run on the executor; requests that come while it runs make it
     * run once more, so that a burst of notifications costs two, and a store still opening holds one
     * thread.
     */
    private void reconcileLater(TokenCache cache) {
        if (reconcileRequests.getAndIncrement() > 0) {
            return;
        }
        try {
            executor.execute(() -> {
                int served;
                do {
                    served = reconcileRequests.get();
                    try {
                        reconcile(cache);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Comparing this server's AIOB token with the token store's failed", e);
                    }
                } while (reconcileRequests.addAndGet(-served) > 0);
            });
        } catch (RejectedExecutionException e) {
            reconcileRequests.set(0);
            LOG.log(Level.FINE, "The shared grant was not looked at: the application is stopping", e);
        }
    }

    /**
     * Looks at the store once: takes its grant into {@code cache} when it is newer than this
     * server's token, and publishes a token this server obtained while the store did not answer
     * when it is newer than the store's.
     */
    void reconcile(TokenCache cache) {
        if (closed) {
            return;
        }
        try {
            AiobSettings.Credentials keys = credentials.get();
            Known account = known(keys);
            leases.releaseUnanswered(account.key);
            Shared shared = read(account.key, keys);
            SealedGrant theirs = shared.grant();
            if (theirs != null && !theirs.token().equals(account.rejected)
                    && !theirs.obtainedAt().isBefore(account.newest.get()) && theirs.newerThan(account.current.get())) {
                if (cache.adopt(theirs.asGrant(server))) {
                    account.unshared.set(null);
                    taken(account, theirs);
                    Observers.report(() -> events.reconciled(false));
                }
                return;
            }
            SealedGrant mine = account.unshared.get();
            // A grant this server cannot open (another Secret Key on the same Access Key) is left alone:
            // replacing it on every notification would be a war between the two.
            boolean publishable = mine != null && !mine.token().equals(account.rejected)
                    && clock.instant().isBefore(mine.expiresAt())
                    && (shared.sealed() == null || theirs != null && mine.newerThan(theirs));
            if (publishable) {
                publish(account, keys, mine).ifPresent(sealed -> published(account, mine, theirs, sealed));
            }
        } catch (BoundedTokenStore.Unavailable | AiobConfigurationException e) {
            LOG.log(Level.FINE, "No shared grant looked at: {0}", e.getMessage());
        }
    }

    /** A token published by a reconciliation: said, counted, and taken back if AIOB rejected it meanwhile. */
    private void published(Known account, SealedGrant mine, SealedGrant theirs, String sealed) {
        if (mine.token().equals(account.rejected)) {
            store.removeGrant(account.key, sealed);
            return;
        }
        LOG.log(Level.INFO, "Shared this server''s AIOB token (fingerprint {0}, obtained {1}), newer than the token"
                + " store''s ({2})", new Object[] {Fingerprint.of(mine.token()), mine.obtainedAt(), theirs == null
                        ? "none" : "fingerprint " + Fingerprint.of(theirs.token()) + ", obtained " + theirs.obtainedAt()});
        Observers.report(() -> events.reconciled(true));
    }

    /**
     * The poll's next tick, every time a degraded store is tried again: it reconciles when the store
     * does not answer (so that this server reconciles as soon as it answers), and every poll
     * interval. It runs on the executor: one waiting for the store's first opening holds no timer.
     */
    private void schedulePoll(TokenCache cache, Instant lastPoll) {
        if (closed) {
            return;
        }
        Duration every = settings.store().pollInterval();
        Duration tick = every.isZero() ? store.retryEvery() : min(store.retryEvery(), every);
        try {
            poll = scheduler.schedule(() -> {
                Instant now = clock.instant();
                boolean due = !every.isZero() && !now.isBefore(lastPoll.plus(every));
                try {
                    if (due || !store.connected()) {
                        reconcileLater(cache);
                    }
                } finally {
                    schedulePoll(cache, due ? now : lastPoll);
                }
            }, tick);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "No poll of the token store: the application is stopping", e);
        }
    }

    /** Returns whether the store answers. */
    public boolean storeConnected() {
        return store.connected();
    }

    /** Returns whether this server yields: its store refuses for lack of quorum. */
    public boolean storeYielding() {
        return store.yieldingSince() != null;
    }

    /**
     * Throws while this server yields: the token it holds is the one the servers that keep quorum
     * will replace, and its calls belong on those servers. One volatile read otherwise.
     *
     * @throws AiobClusterSplitException while the store refuses for lack of quorum
     */
    public void refuseWhileYielding() {
        Instant since = store.yieldingSince();
        if (since != null) {
            throw split(since);
        }
    }

    private static AiobClusterSplitException split(Instant since) {
        return new AiobClusterSplitException("The cluster is split, and this server is on the side without quorum"
                + " (or too few of the cluster's members run yet): its token store refuses every operation since "
                + since + ". So that the servers that keep quorum"
                + " hold the only AIOB token, this server neither fetches nor serves one meanwhile, and its readiness"
                + " is DOWN. Send calls to those servers; this one serves again by itself once its side has quorum"
                + " again (check the network between the cluster's members, and restart the members that stopped)");
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

    /** What this server knows of the account {@code keys} name; forgotten when they name another. */
    private Known known(AiobSettings.Credentials keys) {
        String key = AccountKey.of(settings.url(), keys.accessKey());
        while (true) {
            Known current = known.get();
            if (current.key.equals(key)) {
                return current;
            }
            Known fresh = new Known(key);
            if (known.compareAndSet(current, fresh)) {
                return fresh;
            }
        }
    }

    private Shared read(String account, AiobSettings.Credentials keys) {
        return read(store.grant(account), account, keys);
    }

    private Shared read(Optional<String> sealed, String account, AiobSettings.Credentials keys) {
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
        if (atMost.isNegative() || atMost.isZero()) {
            return;
        }
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** What this server knows of one account. */
    private static final class Known {

        /** The account's key in the store. */
        final String key;
        /** When the newest token this server served was obtained: a grant obtained before it is stale. */
        final AtomicReference<Instant> newest = new AtomicReference<>(Instant.MIN);
        /** The newest grant this server served, fetched or taken. */
        final AtomicReference<SealedGrant> current = new AtomicReference<>();
        /** A grant this server obtained that the store has not had yet: published once it answers, if newest. */
        final AtomicReference<SealedGrant> unshared = new AtomicReference<>();
        /** The last token AIOB rejected here: never taken back from the store. */
        volatile String rejected;
        /** Set when a rejection dropped the token: the next grant published says a refresh was forced. */
        volatile boolean forcedPending;

        Known(String key) {
            this.key = key;
        }

        /** Notes that this server serves {@code grant}; returns whether it is newer than any served before. */
        boolean served(SealedGrant grant) {
            current.accumulateAndGet(grant, (held, next) -> next.newerThan(held) ? next : held);
            Instant before = newest.getAndAccumulate(grant.obtainedAt(), (a, b) -> a.isAfter(b) ? a : b);
            return grant.obtainedAt().isAfter(before);
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
        boolean usable(Known account, Instant now) {
            if (grant == null || grant.token().equals(account.rejected)
                    || grant.obtainedAt().isBefore(account.newest.get())) {
                return false;
            }
            AccessToken token = settings.cachePolicy().refresh().schedule(grant.asGrant(server), grant.obtainedAt(),
                    0.0);
            return token.stateAt(now) == TokenState.FRESH;
        }
    }
}
