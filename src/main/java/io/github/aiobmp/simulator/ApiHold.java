package io.github.aiobmp.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a number of API calls until all of them have arrived, then lets them go together, so that
 * their tokens are checked at the same moment: every one of them really presents the token it was
 * sent with, whatever the first one's answer makes its client do. One use; thread-safe.
 */
final class ApiHold {

    private final int size;
    private final Duration timeout;
    private final AtomicInteger admitted = new AtomicInteger();
    private final CountDownLatch arrived;

    ApiHold(int size, Duration timeout) {
        this.size = size;
        this.timeout = timeout;
        this.arrived = new CountDownLatch(size);
    }

    /** Takes one of the places; false once all are taken, and the call goes on without waiting. */
    boolean admit() {
        return admitted.incrementAndGet() <= size;
    }

    /** Returns whether the last place is taken: then this hold is spent. */
    boolean full() {
        return admitted.get() >= size;
    }

    /**
     * Waits, in an admitted call, until every place is taken.
     *
     * @return empty when all arrived; else what went wrong, for the answer to the call
     */
    Optional<String> await() {
        arrived.countDown();
        try {
            if (arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            return Optional.of("simulator: held for " + timeout.toMillis() + " ms, but only "
                    + (size - arrived.getCount()) + " of the " + size + " calls to hold arrived");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("simulator: interrupted while holding the call");
        }
    }
}
