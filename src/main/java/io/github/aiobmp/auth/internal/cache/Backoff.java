package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait after consecutive failed token fetches: doubling from {@code initial} up to
 * {@code max}, with "equal jitter" (a random point in the upper half of the step) so that many
 * servers that failed together do not retry together.
 *
 * @param initial the step after the first failure
 * @param max     the largest step
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isZero() || initial.isNegative()) {
            throw new IllegalArgumentException("initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must not be less than initial, was " + max);
        }
    }

    /**
     * Returns the wait after {@code failures} consecutive failures.
     *
     * @param failures 1 for the first failure
     * @param random   a number in [0, 1) choosing the point in the step
     */
    public Duration after(int failures, double random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be 1 or more, was " + failures);
        }
        // Double without overflow: past 62 doublings every step is max anyway.
        long step = initial.toNanos();
        for (int i = 1; i < Math.min(failures, 63) && step < max.toNanos(); i++) {
            step = step > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : step * 2;
        }
        step = Math.min(step, max.toNanos());
        return Duration.ofNanos(step / 2 + (long) (step / 2 * random));
    }
}
