package io.github.aiobmp.auth.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until the test advances it, and a {@link Scheduler} whose timers run,
 * in order, on the thread that advances the clock past them.
 */
final class FakeClock extends Clock implements Scheduler {

    private volatile Instant now;
    /** Guarded by this. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing(Timer::dueAt).thenComparingLong(Timer::order));
    private long scheduled;
    private final AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();

    FakeClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward and runs the timers that are due; a fake source may call it from a fetch thread. */
    void advance(Duration duration) {
        synchronized (this) {
            now = now.plus(duration);
        }
        for (Timer due; (due = nextDue()) != null; ) {
            due.task().run();
        }
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(now.plus(delay), scheduled++, new FutureTask<Void>(task, null));
        timers.add(timer);
        return timer.task();
    }

    /** Returns how many timers wait to run (cancelled ones excluded). */
    synchronized long pendingTimers() {
        return timers.stream().filter(t -> !t.task().isCancelled()).count();
    }

    private synchronized Timer nextDue() {
        while (!timers.isEmpty() && !timers.peek().dueAt().isAfter(now)) {
            Timer due = timers.poll();
            if (!due.task().isCancelled()) {
                return due;
            }
        }
        return null;
    }

    /** Returns how often the time was read: the cache's fast path must not read it. */
    long reads() {
        return reads.get();
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeClock is always UTC");
    }

    private record Timer(Instant dueAt, long order, FutureTask<Void> task) {
    }
}
