package io.github.aiobmp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A token endpoint that takes {@code fetchTime} to answer and grants tokens that live
 * {@code lifetime} from the moment they were asked for; it records when each fetch ran.
 */
final class SlowTokenSource {

    /** A granted token: {@code value} is {@code token-0001}, {@code token-0002}, … in fetch order. */
    record Grant(String value, Instant expiresAt) {
    }

    /** When one fetch started and ended, in {@link System#nanoTime()}. */
    record Fetch(long startNanos, long endNanos) {
    }

    private final Duration fetchTime;
    private final Duration lifetime;
    private final AtomicInteger fetchCount = new AtomicInteger();
    private final List<Fetch> fetches = new CopyOnWriteArrayList<>();

    SlowTokenSource(Duration fetchTime, Duration lifetime) {
        this.fetchTime = fetchTime;
        this.lifetime = lifetime;
    }

    /** Returns the value of the {@code n}th token granted (from 1). */
    static String tokenValue(int n) {
        return String.format("token-%04d", n);
    }

    Grant fetch() {
        long startNanos = System.nanoTime();
        Instant expiresAt = Instant.now().plus(lifetime);
        int n = fetchCount.incrementAndGet();
        long until = startNanos + fetchTime.toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        fetches.add(new Fetch(startNanos, System.nanoTime()));
        return new Grant(tokenValue(n), expiresAt);
    }

    /** Returns the fetches made so far, in the order they ended. */
    List<Fetch> fetches() {
        return List.copyOf(fetches);
    }
}
