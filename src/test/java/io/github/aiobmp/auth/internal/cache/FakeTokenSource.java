package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grants {@code token-1}, {@code token-2}, … and counts its fetches. A test can make the next
 * fetches fail, or run an action inside every fetch (block on a latch, advance a clock).
 */
final class FakeTokenSource implements TokenSource {

    private final Duration lifetime;
    private final AtomicInteger fetches = new AtomicInteger();
    private final Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    private volatile Runnable duringFetch = () -> { };
    private final AtomicInteger deferrals = new AtomicInteger();
    /** While set, every refresh ahead of expiry is put off by this long; null: refreshes fetch. */
    private volatile Duration deferRefreshes;

    FakeTokenSource(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Makes the next fetch that has no failure queued yet throw {@code failure}. */
    FakeTokenSource failNextFetchWith(RuntimeException failure) {
        failures.add(failure);
        return this;
    }

    /** Runs {@code action} inside every fetch, before it answers. */
    FakeTokenSource duringFetch(Runnable action) {
        this.duringFetch = action;
        return this;
    }

    /** Makes every refresh ahead of expiry put itself off by {@code retryAfter}, as a store that does not answer; null: no more. */
    FakeTokenSource deferRefreshes(Duration retryAfter) {
        this.deferRefreshes = retryAfter;
        return this;
    }

    /** Returns how many refreshes were put off. */
    int deferrals() {
        return deferrals.get();
    }

    /** Returns how many fetches have started. */
    int fetches() {
        return fetches.get();
    }

    @Override
    public TokenGrant fetch() {
        int number = fetches.incrementAndGet();
        duringFetch.run();
        RuntimeException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        return new TokenGrant("token-" + number, lifetime);
    }

    @Override
    public TokenGrant refresh() {
        Duration retryAfter = deferRefreshes;
        if (retryAfter != null) {
            deferrals.incrementAndGet();
            throw new RefreshDeferred("the store does not answer", retryAfter);
        }
        return fetch();
    }
}
