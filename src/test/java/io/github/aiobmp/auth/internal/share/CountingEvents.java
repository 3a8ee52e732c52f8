package io.github.aiobmp.auth.internal.share;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;

/** Counts what a server's sharing reports, by event: what its metrics would show. */
final class CountingEvents implements TokenEvents {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** {@return how many times {@code event} was reported, e.g. {@code leaseWon}} */
    int count(String event) {
        AtomicInteger count = counts.get(event);
        return count == null ? 0 : count.get();
    }

    private void add(String event) {
        counts.computeIfAbsent(event, name -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void fetched(FetchOutcome outcome, Duration took) {
        add("fetched");
    }

    @Override
    public void adopted() {
        add("adopted");
    }

    @Override
    public void fetchedWithoutStore() {
        add("fetchedWithoutStore");
    }

    @Override
    public void storeTimedOut() {
        add("storeTimedOut");
    }

    @Override
    public void storeRefusedNoQuorum() {
        add("storeRefusedNoQuorum");
    }

    @Override
    public void leaseWon() {
        add("leaseWon");
    }

    @Override
    public void leaseLost() {
        add("leaseLost");
    }

    @Override
    public void leaseExpired() {
        add("leaseExpired");
    }

    @Override
    public void reconciled(boolean published) {
        add(published ? "published" : "reconciledByAdopting");
    }
}
