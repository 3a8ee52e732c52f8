package io.github.aiobmp.auth.internal.share;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.auth.internal.cache.AccessToken;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.cache.RejectionArbiter;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/**
 * Shares one token among the servers of a cluster through a {@link BoundedTokenStore}, so that one
 * getToken serves them all: the cache fetches through it, asks it what becomes of a token AIOB
 * rejected, and is handed the grants other servers publish.
 *
 * <ul>
 *   <li><b>Fetch</b> ({@link #fetch}): a shared grant that is still fresh is taken as it is. Else
 *       the server that takes the account's lease (a {@code putIfAbsent} whose entry expires after
 *       the lease time) calls getToken, outside any cache operation, publishes the grant
 *       ({@code replace(old, new)}, or {@code putIfAbsent}) and releases the lease. A server that
 *       loses the lease waits, at most {@code aiob.token.max-wait}, for the grant to appear, and
 *       takes the lease itself when the holder vanished (its lease expired). A server that still
 *       has a usable token keeps serving it meanwhile: this runs as its background refresh.</li>
 *   <li><b>Rejections</b> ({@link #decide}): a rejected token is removed from the store only if it
 *       is still the shared one ({@code remove(key, old)}); when the shared grant is already
 *       another, or another server holds the lease, the token was already replaced; when a
 *       rejection forced a refresh anywhere less than {@code aiob.token.reauth-min-interval} ago
 *       (the shared grant says when), it is rate-limited, for the whole cluster.</li>
 *   <li><b>Adoption</b> ({@link #watch}): when another server publishes, the store's change
 *       notification (and a poll every {@code aiob.token-store.poll-interval}, in case a
 *       notification is lost) hands the newer grant to the cache, which replaces even a FRESH
 *       token with it before AIOB rejects the old one.</li>
 * </ul>
 *
 * When the store does not answer, each of these falls back to what one server does alone.
 */
public final class TokenSharing implements TokenSource, RejectionArbiter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenSharing.class.getName());
    /** A server waiting for another's getToken looks at the store at least this often. */
    private static final Duration WAIT_STEP = Duration.ofMillis(250);

    private final BoundedTokenStore store;
    private final TokenSource getToken;
    private final URI url;
    private final Supplier<AiobSettings.Credentials> credentials;
    private final RefreshPolicy refresh;
    private final Duration maxWait;
    private final Duration minForcedRefresh;
    private final Clock clock;
    private final TokenEvents events;
    /** This server's name in a lease: unique to this holder. */
    private final String holder = "aiob-holder-" + UUID.randomUUID();
    private final Object changes = new Object();
    /** How many change notifications came: a wait for one does not miss one that came first. Guarded by changes. */
    private long changeCount;
    /** The last token AIOB rejected here: never taken back from the store. */
    private volatile String rejected;
    /**
     * When the newest token this server served was obtained: a shared grant older than it is stale
     * (left behind while the store did not answer, say) and never taken back.
     */
    private final AtomicReference<Instant> newest = new AtomicReference<>(Instant.MIN);
    /** Set when a rejection dropped the token: the next grant published says a refresh was forced. */
    private volatile boolean forcedPending;
    private volatile Future<?> poll;
    private volatile boolean closed;

    /**
     * @param store       the shared store, each operation bounded
     * @param getToken    getToken with its retries: called only by the lease holder
     * @param credentials the credentials of the next getToken: their Access Key names the account,
     *                    their Secret Key seals the grant
     * @param events      told of each fetch made without the store
     */
    public TokenSharing(BoundedTokenStore store, TokenSource getToken, URI url,
            Supplier<AiobSettings.Credentials> credentials, RefreshPolicy refresh, Duration maxWait,
            Duration minForcedRefresh, Clock clock, TokenEvents events) {
        this.store = Objects.requireNonNull(store, "store");
        this.getToken = Objects.requireNonNull(getToken, "getToken");
        this.url = Objects.requireNonNull(url, "url");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.minForcedRefresh = Objects.requireNonNull(minForcedRefresh, "minForcedRefresh");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public TokenGrant fetch() {
        AiobSettings.Credentials keys = credentials.get();
        String account = AccountKey.of(url, keys.accessKey());
        boolean forced = forcedPending;
        forcedPending = false;
        // Counted from the first lease lost: max-wait bounds the wait for another server's grant,
        // not the store's opening (bounded by open-timeout).
        Instant deadline = null;
        try {
            while (true) {
                long seen = changeCount();
                Shared shared = read(account, keys);
                if (shared.usable(clock.instant())) {
                    return served(shared.grant());
                }
                // Past max-wait no caller waits for this fetch any more: it takes no lease to start a getToken.
                if (deadline != null && !clock.instant().isBefore(deadline)) {
                    throw new AiobUnavailableException("No AIOB token within " + maxWait.toMillis() + " ms ("
                            + AiobConfigKeys.MAX_WAIT + "): another server holds the token store's lease and has"
                            + " published no token yet");
                }
                if (store.acquireLease(account, holder)) {
                    return fetchUnderLease(account, keys, forced);
                }
                if (deadline == null) {
                    deadline = clock.instant().plus(maxWait);
                }
                Instant now = clock.instant();
                if (now.isBefore(deadline)) {
                    awaitChange(seen, min(WAIT_STEP, Duration.between(now, deadline)));
                }
            }
        } catch (BoundedTokenStore.Unavailable e) {
            LOG.log(Level.FINE, "Fetching on this server alone: {0}", e.getMessage());
            Observers.report(events::fetchedWithoutStore);
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TokenGrant alone = getToken.fetch();
            newest.accumulateAndGet(sentAt, TokenSharing::later);
            return new TokenGrant(alone.accessToken(), alone.lifetime(), sentAt);
        }
    }

    private TokenGrant fetchUnderLease(String account, AiobSettings.Credentials keys, boolean forced) {
        try {
            // Another server may have published between the read and the lease.
            Shared shared = read(account, keys);
            if (shared.usable(clock.instant())) {
                return served(shared.grant());
            }
            // Shared to the millisecond: counting the lifetime from a little earlier only errs early.
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TokenGrant fetched = getToken.fetch();
            Instant forcedAt = forced ? sentAt : shared.grant() == null ? null : shared.grant().forcedAt();
            SealedGrant grant = new SealedGrant(fetched.accessToken(), sentAt, sentAt.plus(fetched.lifetime()),
                    forcedAt);
            // Served before it is published: this server's own grant is not "adopted" from the listener.
            TokenGrant served = served(grant);
            publish(account, keys, shared.sealed(), grant);
            return served;
        } finally {
            try {
                store.releaseLease(account, holder);
            } catch (BoundedTokenStore.Unavailable e) {
                LOG.log(Level.FINE, "The lease was not released; it ends by itself: {0}", e.getMessage());
            }
        }
    }

    private TokenGrant served(SealedGrant grant) {
        newest.accumulateAndGet(grant.obtainedAt(), TokenSharing::later);
        return grant.asGrant();
    }

    private void publish(String account, AiobSettings.Credentials keys, String previous, SealedGrant grant) {
        try {
            String sealed = grant.seal(account, keys.secretKey());
            boolean stored = previous == null ? store.putGrantIfAbsent(account, sealed)
                    : store.replaceGrant(account, previous, sealed)
                            // Removed meanwhile: another server's rejection of the grant this replaces.
                            || store.grant(account).isEmpty() && store.putGrantIfAbsent(account, sealed);
            if (!stored) {
                // Only when this server's lease ran out while it fetched: the newer grant wins on adoption.
                LOG.log(Level.FINE, "Another server published first; both tokens are valid, the later one is kept");
            }
        } catch (BoundedTokenStore.Unavailable e) {
            LOG.log(Level.FINE, "The token obtained here was not shared: {0}", e.getMessage());
        }
    }

    @Override
    public TokenInvalidation decide(AccessToken token) {
        rejected = token.value();
        try {
            AiobSettings.Credentials keys = credentials.get();
            String account = AccountKey.of(url, keys.accessKey());
            Shared shared = read(account, keys);
            if (shared.grant() == null) {
                boolean elsewhere = store.leaseHolder(account).filter(h -> !h.equals(holder)).isPresent();
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
            if (forcedAt != null && clock.instant().isBefore(forcedAt.plus(minForcedRefresh))) {
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

    /**
     * Hands {@code cache} every newer grant other servers publish: on the store's change
     * notification, and on a poll every {@code pollInterval} (none when zero).
     */
    public void watch(TokenCache cache, Executor executor, Scheduler scheduler, Duration pollInterval) {
        store.onGrantChange(account -> {
            synchronized (changes) {
                changeCount++;
                changes.notifyAll();
            }
            try {
                executor.execute(() -> offer(cache));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "A shared grant was not looked at: the application is stopping", e);
            }
        });
        if (!pollInterval.isZero()) {
            schedulePoll(cache, scheduler, pollInterval);
        }
    }

    /** Looks at the store once, and hands a newer grant to {@code cache}. */
    void offer(TokenCache cache) {
        if (closed) {
            return;
        }
        try {
            AiobSettings.Credentials keys = credentials.get();
            Shared shared = read(AccountKey.of(url, keys.accessKey()), keys);
            SealedGrant grant = shared.grant();
            if (grant != null && !grant.token().equals(rejected) && grant.obtainedAt().isAfter(newest.get())
                    && cache.adopt(grant.asGrant())) {
                served(grant);
            }
        } catch (BoundedTokenStore.Unavailable | io.github.aiobmp.auth.AiobConfigurationException e) {
            LOG.log(Level.FINE, "No shared grant looked at: {0}", e.getMessage());
        }
    }

    private void schedulePoll(TokenCache cache, Scheduler scheduler, Duration every) {
        if (closed) {
            return;
        }
        try {
            poll = scheduler.schedule(() -> {
                offer(cache);
                schedulePoll(cache, scheduler, every);
            }, every);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "No poll of the token store: the application is stopping", e);
        }
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

        /**
         * Fresh by the earliest refresh time this policy gives it, not the token AIOB rejected here,
         * and not older than one this server served.
         */
        boolean usable(Instant now) {
            if (grant == null || grant.token().equals(rejected) || grant.obtainedAt().isBefore(newest.get())) {
                return false;
            }
            AccessToken token = refresh.schedule(grant.asGrant(), grant.obtainedAt(), 0.0);
            return token.stateAt(now) == TokenState.FRESH;
        }
    }
}
