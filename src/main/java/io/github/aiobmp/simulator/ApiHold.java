package io.github.aiobmp.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds a number of API calls until all of them have arrived, then lets them go together, so that
 * their tokens are checked at the same moment: every one of them really presents the token it was
 * sent with, whatever the first one's answer makes its client do. One use; thread-safe.
 *
 * <p>A hold that times out, or is cancelled (a reset, or another hold set in its place), is broken:
 * every call waiting in it, and every call admitted after, is let go at once with the reason.
 */
final class ApiHold {

    private final int size;
    private final Duration timeout;
    private final AtomicInteger admitted = new AtomicInteger();
    private final CountDownLatch arrived;
    /** Why the hold broke; null while it holds. */
    private final AtomicReference<String> broken = new AtomicReference<>();

    ApiHold(int size, Duration timeout) {
        this.size = size;
        this.timeout = timeout;
        this.arrived = new CountDownLatch(size);
    }

    /** Takes one of the places; false once all are taken, and the call goes on without waiting. */
    boolean admit() {
        return admitted.incrementAndGet() <= size;
    }

    /** Returns whether the last place is taken, or the hold broke: then it is spent. */
    boolean spent() {
        return admitted.get() >= size || broken.get() != null;
    }

    /**
     * Waits, in an admitted call, until every place is taken.
     *
     * @return empty when all arrived; else why the hold broke, for the answer to the call
     */
    Optional<String> await() {
        arrived.countDown();
        try {
            if (!arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                breakWith("simulator: held for " + timeout.toMillis() + " ms, but only " + (size - arrived.getCount())
                        + " of the " + size + " calls to hold arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breakWith("simulator: interrupted while holding the call");
        }
        return Optional.ofNullable(broken.get());
    }

    /** Lets every waiting call go at once, each answered with why. */
    void cancel(String why) {
        breakWith("simulator: the hold was cancelled (" + why + ") with " + (size - arrived.getCount()) + " of the "
                + size + " calls arrived");
    }

    private void breakWith(String reason) {
        if (broken.compareAndSet(null, reason)) {
            while (arrived.getCount() > 0) {
                arrived.countDown();
            }
        }
    }
}
