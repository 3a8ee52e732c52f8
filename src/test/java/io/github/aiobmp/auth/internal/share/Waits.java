package io.github.aiobmp.auth.internal.share;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits of the cluster tests: for a condition, a latch, or the worst moment of a race. */
final class Waits {

    /** How long any one wait may take before the test fails. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private Waits() {
    }

    /** Inside getToken: holds it until {@code moment}, or fails the call when it never comes. */
    static void holdUntil(BooleanSupplier moment) {
        if (!waitUntil(moment)) {
            throw new IllegalStateException("the worst moment never came: the test cannot hold the race");
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        assertTrue(waitUntil(condition), "timed out waiting until " + what);
    }

    static boolean waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
