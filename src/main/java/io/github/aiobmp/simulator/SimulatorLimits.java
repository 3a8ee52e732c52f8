package io.github.aiobmp.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The ranges the simulator's switches accept, in one place so that Java callers and the control
 * endpoint agree. Each check names the bad value and returns the good one.
 */
final class SimulatorLimits {

    /** The longest delay, clock step or token lifetime: far beyond any test, far short of overflowing an Instant. */
    static final Duration MAX_SPAN = Duration.ofDays(36_500);

    private SimulatorLimits() {
    }

    static int requireCount(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + count);
        }
        return count;
    }

    /** Accepts 4xx and 5xx: a simulated failure must fail at the HTTP level. */
    static int requireErrorStatus(String name, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException(name + " must be an HTTP error status (400-599), was " + httpStatus);
        }
        return httpStatus;
    }

    /** Accepts the codes an error envelope may carry: not 200 (success), not 401 (a rejected token). */
    static int requireApiErrorCode(String name, int code) {
        if (code == 200 || code == 401) {
            throw new IllegalArgumentException(name + " must be an error code other than 401 (a rejected token), was "
                    + code);
        }
        return code;
    }

    static Duration requireSpan(String name, Duration span) {
        Objects.requireNonNull(span, name);
        if (span.isNegative() || span.compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + MAX_SPAN.toDays() + " days, was " + span);
        }
        return span;
    }

    /** Accepts zero and negative lifetimes too, so tests can check clients against nonsense answers. */
    static long requireLifetimeMinutes(String name, long minutes) {
        long max = MAX_SPAN.toMinutes();
        if (minutes < -max || minutes > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + -max + " and " + max + ", was " + minutes);
        }
        return minutes;
    }
}
