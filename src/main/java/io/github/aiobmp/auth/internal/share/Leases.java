package io.github.aiobmp.auth.internal.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.Scheduler;

/**
 * This server's side of an account's lease, the right to call getToken for the cluster: taking it,
 * renewing it every quarter of its time while getToken runs, and releasing it. A lease names this
 * server and the fetch that took it ({@link Lease}), so that the server knows its own: it never
 * waits on a lease of an earlier fetch of its own (one whose taking answered too late, though the
 * store stored it), and releases it instead.
 */
final class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());
    /** Rounds of taking the lease while it changes hands, or this server's stale one stands in the way. */
    private static final int ROUNDS = 3;

    private final BoundedTokenStore store;
    private final String server;
    private final Duration leaseTime;
    private final Scheduler scheduler;
    private final Clock clock;
    private final TokenEvents events;
    private final AtomicLong attempts = new AtomicLong();
    /** Leases taken or released without an answer in time: released once the store answers. */
    private final Set<Held> unanswered = ConcurrentHashMap.newKeySet();

    /** A lease of this server's: the account, and the fetch that took it. */
    private record Held(String account, long attempt) {
    }

    Leases(BoundedTokenStore store, String server, Duration leaseTime, Scheduler scheduler, Clock clock,
            TokenEvents events) {
        this.store = store;
        this.server = server;
        this.leaseTime = leaseTime;
        this.scheduler = scheduler;
        this.clock = clock;
        this.events = events;
    }

    /** {@return the number of a new fetch of this server's} */
    long nextAttempt() {
        return attempts.incrementAndGet();
    }

    /** {@return fetch {@code attempt}'s lease, to be taken now} */
    Lease lease(long attempt) {
        return Lease.taken(server, attempt, clock.instant());
    }

    /**
     * Takes the account's lease as {@code lease}; when this server's own lease of an earlier fetch
     * stands in the way (one fetch runs at a time), releases it and takes it again.
     *
     * @return null when this server holds it now; else the value of the lease another server holds,
     *         empty when it kept changing hands
     * @throws BoundedTokenStore.Unavailable when the store did not answer; it may have stored the
     *                                       lease all the same, which is released once it answers
     */
    String take(String account, Lease lease) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                if (store.acquireLease(account, lease.encode())) {
                    return null;
                }
            } catch (BoundedTokenStore.Unavailable e) {
                unanswered.add(new Held(account, lease.attempt()));
                throw e;
            }
            Optional<String> holder = store.leaseHolder(account);
            if (holder.isPresent() && !Lease.parse(holder.get()).filter(held -> held.server().equals(server))
                    .isPresent()) {
                return holder.get();
            }
            holder.ifPresent(own -> {
                LOG.log(Level.FINE, "Releasing this server''s lease of an earlier fetch: {0}", own);
                store.releaseLease(account, own);
            });
        }
        return "";
    }

    /** Releases the lease of fetch {@code attempt}, whatever renewal of it the store holds. */
    void release(String account, long attempt) {
        Held held = new Held(account, attempt);
        try {
            heldBy(held).ifPresent(lease -> store.releaseLease(account, lease.encode()));
            unanswered.remove(held);
        } catch (BoundedTokenStore.Unavailable e) {
            unanswered.add(held);
            LOG.log(Level.FINE, "The lease was not released; it is later, or ends by itself: {0}", e.getMessage());
        }
    }

    /** Releases the account's leases of this server's that an operation without an answer in time may have left. */
    void releaseUnanswered(String account) {
        for (Held held : unanswered) {
            if (held.account().equals(account)) {
                release(account, held.attempt());
            }
        }
    }

    /** The lease this server waited on ended, and its holder published nothing: it stopped, or its getToken failed. */
    void endedWithoutAToken(String lease) {
        Observers.report(events::leaseExpired);
        LOG.log(Level.WARNING, "The token store''s lease ended without a token ({0}, last renewed {1}): its holder"
                + " stopped, or its getToken failed. This server calls getToken instead", new Object[] {
                        Lease.describe(lease), Lease.parse(lease).map(Lease::renewedAt).map(Instant::toString)
                                .orElse("at an unknown time")});
    }

    /** Starts renewing {@code lease}, just taken, until the renewal is closed. */
    Renewal renew(String account, Lease lease) {
        Renewal renewal = new Renewal(new Held(account, lease.attempt()), lease);
        renewal.start();
        return renewal;
    }

    /** {@return the account's lease, when this server's fetch holds it} */
    private Optional<Lease> heldBy(Held held) {
        return store.leaseHolderForItsHolder(held.account()).flatMap(Lease::parse)
                .filter(lease -> lease.server().equals(server) && lease.attempt() == held.attempt());
    }

    /**
     * Renews this server's lease every quarter of the lease time while its getToken runs, so that the
     * lease outlasts a slow getToken, yet ends within the lease time once its holder stops. Renewals
     * are tried even while the store is degraded. When the lease may have ended (no renewal confirmed
     * for a lease time, or the store holds another), the holder says so: another server may be
     * calling getToken too.
     */
    final class Renewal implements AutoCloseable {

        private final Held held;
        private final Duration every = leaseTime.dividedBy(4);
        /** The lease as last confirmed, and when (by this server's clock: no later than the store applied it). */
        private Lease confirmed;
        private Instant confirmedAt;
        private Future<?> next;
        private boolean stopped;

        private Renewal(Held held, Lease lease) {
            this.held = held;
            this.confirmed = lease;
            this.confirmedAt = lease.since();
        }

        private synchronized void start() {
            schedule();
        }

        /** Stops renewing; says so when the lease may have ended meanwhile without a renewal to find out. */
        @Override
        public synchronized void close() {
            if (stopped) {
                return;
            }
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
            if (lapsed(clock.instant())) {
                expired();
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

        /** Holds this for at most two of the store's timeouts; the fetch's end waits for it. */
        private synchronized void renew() {
            if (stopped) {
                return;
            }
            Instant now = clock.instant();
            if (lapsed(now)) {
                stopped = true;
                expired();
                return;
            }
            try {
                Lease renewed = confirmed.renewed(now);
                if (store.renewLease(held.account(), confirmed.encode(), renewed.encode())) {
                    confirmed = renewed;
                    confirmedAt = now;
                } else {
                    // A renewal that did not answer in time may have been applied: the store holds that one.
                    Optional<Lease> current = heldBy(held);
                    if (current.isEmpty()) {
                        stopped = true;
                        expired();
                        return;
                    }
                    confirmed = current.get();
                    confirmedAt = current.get().renewedAt();
                }
            } catch (BoundedTokenStore.Unavailable e) {
                LOG.log(Level.FINE, "The lease was not renewed this time: {0}", e.getMessage());
            }
            schedule();
        }

        /** Holds this. */
        private boolean lapsed(Instant now) {
            return !now.isBefore(confirmedAt.plus(leaseTime));
        }

        /** Holds this. */
        private void expired() {
            Observers.report(events::leaseExpired);
            LOG.log(Level.WARNING, "This server''s lease on the AIOB token store ended while its getToken ran (taken {0},"
                    + " last renewed {1}; {2} lasts {3} ms): it could not renew it in time, and another server may"
                    + " have called getToken at the same time", new Object[] {confirmed.since(), confirmedAt,
                            AiobConfigKeys.TOKEN_STORE_LEASE, String.valueOf(leaseTime.toMillis())});
        }
    }
}
