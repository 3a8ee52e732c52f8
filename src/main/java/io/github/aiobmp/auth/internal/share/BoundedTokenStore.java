package io.github.aiobmp.auth.internal.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.spi.TokenStore;
import io.github.aiobmp.auth.spi.TokenStoreNoQuorumException;

/**
 * A {@link TokenStore} whose every operation ends within {@code timeout}: a JCache call takes no
 * timeout, and a distributed cache's client may block for minutes. When the store does not answer
 * in time, or throws, it is degraded: one WARNING says so, operations fail at once with
 * {@link Unavailable} (the callers then fetch on their own) until a probe, every
 * {@code retryEvery}, succeeds, and one INFO says it recovered. A caller about to fetch alone asks
 * once more first ({@link #grantBeforeFetchingAlone}).
 *
 * <p>When the store refuses an operation because this server is on a side of a split cluster
 * without quorum ({@link TokenStoreNoQuorumException}), it yields instead: one WARNING says so, and
 * operations fail with {@link NoQuorum}, upon which the callers fetch nothing, until one answers
 * again (one INFO). A store that then stops answering altogether still yields: only an answer says
 * that this server's side has quorum again.
 *
 * <p>Opening the store (an embedded member starting, a client connecting) may take seconds: it
 * runs in the background from {@link #open()}, and operations wait for it until {@code openTimeout}
 * after it started; after that, and while it opens again after a failure, they fail at once.
 */
public final class BoundedTokenStore {

    private static final Logger LOG = Logger.getLogger(BoundedTokenStore.class.getName());
    /** At most this many operations wait for the store at once; more fail at once. */
    static final int MAX_IN_FLIGHT = 16;

    private final Supplier<TokenStore> opener;
    private final Executor executor;
    private final Duration timeout;
    private final Duration openTimeout;
    private final Duration retryEvery;
    private final Clock clock;
    private final TokenEvents events;
    /** Told of the store's change notifications. Guarded by this. */
    private Consumer<String> listener;
    /** Told when the store opens, and when it answers again after an outage. */
    private volatile Runnable answering = () -> { };
    /** When the first opening started; operations wait for it. Guarded by this. */
    private Instant openingSince;
    /** The store being opened, or open. Guarded by this. */
    private CompletableFuture<TokenStore> opening;
    /**
     * Until when (System.nanoTime) operations wait for the first opening; reopenings are not
     * waited for. Guarded by this.
     */
    private long openDeadline;
    /** When the store degraded, or null while it answers. Guarded by this. */
    private Instant degradedSince;
    /**
     * When the store first refused for lack of quorum in this outage, or null: written under this,
     * read without a lock by every call for a token.
     */
    private volatile Instant yieldingSince;
    /** How many times the store degraded; an operation notes it as it starts. Guarded by this. */
    private long outages;
    /** While degraded, no operation is tried before this. Guarded by this. */
    private Instant probeAt;
    private volatile boolean closed;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    /**
     * @param opener      opens the store: in the background, and again after a failed open
     * @param timeout     the longest one operation may take
     * @param openTimeout the longest an operation waits for the store to open
     * @param retryEvery  while degraded, how often an operation is tried again
     * @param events      told how each operation ended
     */
    public BoundedTokenStore(Supplier<TokenStore> opener, Executor executor, Duration timeout, Duration openTimeout,
            Duration retryEvery, Clock clock, TokenEvents events) {
        this.opener = opener;
        this.executor = executor;
        this.timeout = timeout;
        this.openTimeout = openTimeout;
        this.retryEvery = retryEvery;
        this.clock = clock;
        this.events = events;
    }

    /** Starts opening the store in the background, unless it is open or opening already. */
    public synchronized void open() {
        if (closed || opening != null && !opening.isCompletedExceptionally()) {
            return;
        }
        if (opening == null) {
            openDeadline = System.nanoTime() + openTimeout.toNanos();
            openingSince = clock.instant();
        }
        CompletableFuture<TokenStore> started = new CompletableFuture<>();
        opening = started;
        try {
            executor.execute(() -> {
                try {
                    TokenStore store = opener.get();
                    Consumer<String> changed;
                    // With onGrantChange: whichever comes second registers the listener, exactly once.
                    synchronized (this) {
                        started.complete(store);
                        changed = listener;
                        // Opened after operations gave up waiting: the next one need not wait for a probe.
                        probeAt = clock.instant();
                    }
                    if (changed != null) {
                        listen(store, changed);
                    }
                    if (closed) {
                        store.close();
                    } else {
                        answering.run();
                    }
                } catch (RuntimeException | Error e) {
                    started.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            started.completeExceptionally(e);
        }
    }

    Optional<String> grant(String account) {
        return call("read the grant", store -> store.grant(account));
    }

    /**
     * Tried even while degraded: asked once before a caller fetches alone. A store that failed an
     * instant ago (a member paused, or leaving) may answer now, or refuse for lack of quorum; a token
     * fetched alone would revoke the one the other servers serve.
     */
    Optional<String> grantBeforeFetchingAlone(String account) {
        return call("read the grant", store -> store.grant(account), true);
    }

    boolean putGrantIfAbsent(String account, String grant) {
        return call("share a grant", store -> store.putGrantIfAbsent(account, grant));
    }

    boolean replaceGrant(String account, String expected, String grant) {
        return call("replace the grant", store -> store.replaceGrant(account, expected, grant));
    }

    boolean removeGrant(String account, String expected) {
        return call("remove the grant", store -> store.removeGrant(account, expected));
    }

    boolean acquireLease(String account, String holder) {
        return call("take the lease", store -> store.acquireLease(account, holder));
    }

    /** Tried even while degraded: a lease not renewed in time lets another server call getToken too. */
    boolean renewLease(String account, String holder, String renewed) {
        return call("renew the lease", store -> store.renewLease(account, holder, renewed), true);
    }

    /** Tried even while degraded: a lease not released keeps the other servers waiting. */
    void releaseLease(String account, String holder) {
        call("release the lease", store -> {
            store.releaseLease(account, holder);
            return null;
        }, true);
    }

    Optional<String> leaseHolder(String account) {
        return call("read the lease", store -> store.leaseHolder(account));
    }

    /** Tried even while degraded: for the lease's holder, which must renew or release it in time. */
    Optional<String> leaseHolderForItsHolder(String account) {
        return call("read the lease", store -> store.leaseHolder(account), true);
    }

    /**
     * Has {@code changed} told of the store's change notifications, once the store is open; when
     * registering fails, the poll is what remains, and the store is not counted as degraded for it.
     */
    void onGrantChange(Consumer<String> changed) {
        TokenStore open;
        synchronized (this) {
            listener = changed;
            open = openStore();
        }
        if (open != null) {
            listen(open, changed);
        }
    }

    /**
     * Has {@code action} run when the store opens, and whenever it answers again after an outage:
     * on the thread that found it so, which must not wait for it.
     */
    void onAnswering(Runnable action) {
        answering = action;
    }

    /** {@return since when the store's first opening runs, while operations wait for it; else empty} */
    synchronized Optional<Instant> openingSince() {
        boolean waited = opening != null && !opening.isDone() && openDeadline - System.nanoTime() > 0;
        return waited ? Optional.of(openingSince) : Optional.empty();
    }

    /** {@return while degraded, how often an operation is tried again} */
    Duration retryEvery() {
        return retryEvery;
    }

    /** Closes the store, if it was opened, or once it is. */
    void close() {
        CompletableFuture<TokenStore> started;
        synchronized (this) {
            closed = true;
            started = opening;
        }
        TokenStore open = openStore();
        if (open != null) {
            closeWithin(open, openTimeout);
        } else if (started != null) {
            started.cancel(false);
        }
    }

    /** A store whose cluster is gone may take minutes to close: the application does not wait for it. */
    private void closeWithin(TokenStore open, Duration bound) {
        CompletableFuture<Void> closing;
        try {
            closing = CompletableFuture.runAsync(open::close, executor);
        } catch (RejectedExecutionException e) {
            closing = CompletableFuture.runAsync(open::close);
        }
        try {
            closing.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "The AIOB token store did not close within {0} ms ({1}); the application stops"
                    + " without waiting for it", new Object[] {String.valueOf(bound.toMillis()),
                    AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT});
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "The AIOB token store did not close: {0}", describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The open store, or null while it is not. */
    private synchronized TokenStore openStore() {
        return opening != null && opening.isDone() && !opening.isCompletedExceptionally() ? opening.join() : null;
    }

    /**
     * Returns the open store, or throws why it is not open. While the first opening runs, operations
     * wait for it, all until the same deadline: a server's first calls share one token rather than
     * each fetching its own. Reopenings are not waited for.
     */
    private TokenStore store(String what) {
        CompletableFuture<TokenStore> started;
        long waitNanos;
        synchronized (this) {
            if (opening == null || opening.isCompletedExceptionally()) {
                open();
            }
            started = opening;
            waitNanos = openDeadline - System.nanoTime();
        }
        if (started == null) {
            throw new Unavailable("the token store is closed");
        }
        try {
            return started.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw degrade(what, "it did not open within " + openTimeout.toMillis() + " ms ("
                    + AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT + "); it goes on opening", null);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (noQuorum(cause)) {
                throw yieldTo(what, cause);
            }
            throw degrade(what, "it could not be opened: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the token store to open");
        }
    }

    private static void listen(TokenStore open, Consumer<String> changed) {
        try {
            open.onGrantChange(changed);
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.INFO, "The AIOB token store sends no change notifications ({0}): other servers'' tokens"
                    + " are taken on the next poll", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The AIOB token store sends no change notifications ({0}): other servers'' tokens"
                    + " are taken on the next poll only", e.toString());
        }
    }

    /** Returns whether the store answers; false while it is degraded or yields. */
    public synchronized boolean connected() {
        return degradedSince == null;
    }

    /** {@return since when this server yields, its store refusing for lack of quorum; null when it does not} */
    Instant yieldingSince() {
        return yieldingSince;
    }

    private <T> T call(String what, Function<TokenStore, T> operation) {
        return call(what, operation, false);
    }

    /**
     * @param evenIfDegraded whether to try while the store is degraded, before its next probe: for
     *                       the lease's holder only, whose renewals cannot wait for it
     */
    private <T> T call(String what, Function<TokenStore, T> operation, boolean evenIfDegraded) {
        if (closed) {
            throw new Unavailable("the token store is closed: the application is stopping");
        }
        long outage;
        synchronized (this) {
            if (!evenIfDegraded && degradedSince != null && clock.instant().isBefore(probeAt)) {
                throw yieldingSince != null ? new NoQuorum("the token store refuses for lack of quorum since "
                        + yieldingSince) : new Unavailable("the token store is degraded since " + degradedSince);
            }
            outage = outages;
        }
        TokenStore open = store(what);
        // A timed-out operation keeps its thread until the store answers: bound how many can.
        if (!inFlight.tryAcquire()) {
            throw degrade(what, MAX_IN_FLIGHT + " of its operations are still waiting for an answer", null);
        }
        CompletableFuture<T> result;
        try {
            result = CompletableFuture.supplyAsync(() -> operation.apply(open), executor);
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw degrade(what, "its operation could not be started", e);
        }
        result.whenComplete((value, error) -> inFlight.release());
        try {
            T value = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            recovered(outage);
            Observers.report(events::storeAnswered);
            return value;
        } catch (TimeoutException e) {
            result.cancel(true);
            Observers.report(events::storeTimedOut);
            throw degrade(what, "no answer within " + timeout.toMillis() + " ms (" + AiobConfigKeys.TOKEN_STORE_TIMEOUT
                    + ")", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (noQuorum(cause)) {
                Observers.report(events::storeRefusedNoQuorum);
                throw yieldTo(what, cause);
            }
            Observers.report(events::storeFailed);
            throw degrade(what, describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the token store");
        }
    }

    /** A configuration error's message says what to fix; any other names its type too. */
    private static String describe(Throwable cause) {
        return cause instanceof AiobConfigurationException ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static boolean noQuorum(Throwable cause) {
        return CauseChain.find(cause, TokenStoreNoQuorumException.class).isPresent();
    }

    /** The store refused for lack of quorum: this server yields, until an operation answers. */
    private NoQuorum yieldTo(String what, Throwable cause) {
        Instant since;
        boolean first;
        synchronized (this) {
            Instant now = clock.instant();
            first = yieldingSince == null;
            if (degradedSince == null) {
                degradedSince = now;
                outages++;
            }
            if (first) {
                yieldingSince = now;
            }
            since = yieldingSince;
            probeAt = now.plus(retryEvery);
        }
        if (first) {
            LOG.log(Level.WARNING, "The AIOB token store refused to " + what + ": the cluster is split, and this server"
                    + " is on the side without quorum, or too few of its members run yet (" + describe(cause)
                    + "). Until the store answers again, this"
                    + " server fetches no AIOB token and its calls fail at once, and its readiness is DOWN, so that"
                    + " the servers that keep quorum hold the only token", LOG.isLoggable(Level.FINE) ? cause : null);
        }
        return new NoQuorum("the token store refused to " + what + " for lack of quorum, since " + since);
    }

    private Unavailable degrade(String what, String why, Throwable cause) {
        boolean first;
        synchronized (this) {
            first = degradedSince == null;
            if (first) {
                degradedSince = clock.instant();
                outages++;
            }
            probeAt = clock.instant().plus(retryEvery);
            // Not answering tells nothing of quorum: a yielding server goes on yielding.
            if (yieldingSince != null) {
                return new NoQuorum("the token store did not " + what + ": " + why + "; it refuses for lack of"
                        + " quorum since " + yieldingSince);
            }
        }
        if (first) {
            // A store configured wrongly will not mend by itself: that is for the operator to fix now.
            Level level = cause instanceof AiobConfigurationException ? Level.SEVERE : Level.WARNING;
            LOG.log(level, "The AIOB token store did not " + what + ": " + why + ". Until it answers again, this"
                    + " server fetches its own tokens when it has none usable (a refresh ahead of expiry waits for"
                    + " the store); calls go on", LOG.isLoggable(Level.FINE) ? cause : null);
        }
        return new Unavailable("the token store did not " + what + ": " + why);
    }

    /** An operation that started during the outage {@code outage} answered: the store recovered. */
    private void recovered(long outage) {
        Instant since;
        Instant yielded;
        synchronized (this) {
            // One that started before the outage and answered late proves nothing: no flapping.
            if (outage != outages) {
                return;
            }
            since = degradedSince;
            yielded = yieldingSince;
            degradedSince = null;
            yieldingSince = null;
        }
        if (since == null) {
            return;
        }
        if (yielded != null) {
            LOG.log(Level.INFO, "The AIOB token store answers again: this server''s side of the cluster has quorum"
                    + " again (it yielded since {0}); tokens are shared, and calls served, again", yielded);
        } else {
            LOG.log(Level.INFO, "The AIOB token store answers again (degraded since {0}): tokens are shared again",
                    since);
        }
        answering.run();
    }

    /** The store did not answer: the caller decides on its own. */
    static class Unavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The store refuses for lack of quorum: the caller must not fetch on its own, which would revoke
     * the token of the servers that keep quorum. What only tidies up (a lease's release, a
     * reconciliation) may treat it as any {@link Unavailable}.
     */
    static final class NoQuorum extends Unavailable {

        private static final long serialVersionUID = 1L;

        NoQuorum(String message) {
            super(message);
        }
    }
}
