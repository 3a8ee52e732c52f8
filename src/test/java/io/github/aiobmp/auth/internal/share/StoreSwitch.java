package io.github.aiobmp.auth.internal.share;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.aiobmp.auth.spi.TokenStore;

/**
 * A real store, with a switch a test turns: answer, throw (as a cache whose members are gone does),
 * or hang (as a client waiting for a cluster does); and a count of the leases its server lost.
 */
final class StoreSwitch implements TokenStore {

    enum Mode { ANSWER, FAIL, HANG }

    private static final Duration LONGEST_HANG = Duration.ofSeconds(60);

    private final TokenStore store;
    private final AtomicInteger leasesLost = new AtomicInteger();
    private final AtomicInteger removals = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile boolean refuseListeners;
    private volatile boolean failRemovals;
    private volatile Duration leasesAnsweredAfter = Duration.ZERO;
    private volatile Duration nextRenewalAnsweredAfter = Duration.ZERO;

    StoreSwitch(TokenStore store) {
        this.store = store;
    }

    StoreSwitch mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Makes registering a change listener fail, as when the cache refuses it. */
    StoreSwitch refuseListeners() {
        this.refuseListeners = true;
        return this;
    }

    /** Makes removing a grant throw, while every other operation answers. */
    StoreSwitch failRemovals(boolean fail) {
        this.failRemovals = fail;
        return this;
    }

    /** Makes taking the lease answer only {@code after} this long, once the lease is stored: a slow answer. */
    StoreSwitch answerLeasesAfter(Duration after) {
        this.leasesAnsweredAfter = after;
        return this;
    }

    /** Makes the next renewal of a lease answer only {@code after} this long, once it is applied. */
    StoreSwitch answerNextRenewalAfter(Duration after) {
        this.nextRenewalAnsweredAfter = after;
        return this;
    }

    /** Returns how many times this server asked for the lease while another server held it. */
    int leasesLost() {
        return leasesLost.get();
    }

    /** Returns how many times this server asked to remove a grant. */
    int removals() {
        return removals.get();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void operate() {
        long until = System.nanoTime() + LONGEST_HANG.toNanos();
        while (mode == Mode.HANG && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (mode == Mode.FAIL) {
            throw new IllegalStateException("the cache's members are gone (test)");
        }
    }

    @Override
    public Optional<String> grant(String account) {
        operate();
        return store.grant(account);
    }

    @Override
    public boolean putGrantIfAbsent(String account, String grant) {
        operate();
        return store.putGrantIfAbsent(account, grant);
    }

    @Override
    public boolean replaceGrant(String account, String expected, String grant) {
        operate();
        return store.replaceGrant(account, expected, grant);
    }

    @Override
    public boolean removeGrant(String account, String expected) {
        operate();
        removals.incrementAndGet();
        if (failRemovals) {
            throw new IllegalStateException("the grant's owner did not answer (test)");
        }
        return store.removeGrant(account, expected);
    }

    @Override
    public boolean acquireLease(String account, String holder) {
        operate();
        boolean won = store.acquireLease(account, holder);
        if (!won) {
            leasesLost.incrementAndGet();
        }
        sleep(leasesAnsweredAfter);
        return won;
    }

    @Override
    public void releaseLease(String account, String holder) {
        operate();
        store.releaseLease(account, holder);
    }

    @Override
    public Optional<String> leaseHolder(String account) {
        operate();
        return store.leaseHolder(account);
    }

    @Override
    public boolean renewLease(String account, String holder, String renewed) {
        operate();
        boolean renewedNow = store.renewLease(account, holder, renewed);
        Duration late = nextRenewalAnsweredAfter;
        nextRenewalAnsweredAfter = Duration.ZERO;
        sleep(late);
        return renewedNow;
    }

    @Override
    public void onGrantChange(Consumer<String> changed) {
        if (refuseListeners) {
            throw new IllegalStateException("the cache refused the listener (test)");
        }
        store.onGrantChange(changed);
    }

    @Override
    public void close() {
        store.close();
    }
}
