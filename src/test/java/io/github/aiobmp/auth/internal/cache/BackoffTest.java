package io.github.aiobmp.auth.internal.cache;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Verifies the doubling, the cap and the equal jitter of Backoff. */
class BackoffTest {

    private final Backoff backoff = new Backoff(ofSeconds(1), ofSeconds(60));

    @Test
    void stepsDouble_fromInitial_upToMax() {
        assertEquals(ofSeconds(1), backoff.after(1, 0.999_999_999_9).plusNanos(1).withNanos(0));
        assertEquals(ofMillis(500), backoff.after(1, 0));
        assertEquals(ofSeconds(1), backoff.after(2, 0));
        assertEquals(ofSeconds(2), backoff.after(3, 0));
        assertEquals(ofSeconds(16), backoff.after(6, 0));
        assertEquals(ofSeconds(30), backoff.after(7, 0), "64 s capped at 60 s");
        assertEquals(ofSeconds(30), backoff.after(1_000_000, 0), "no overflow after many failures");
    }

    @Test
    void jitter_choosesAPointInTheUpperHalfOfTheStep() {
        assertEquals(ofSeconds(45), backoff.after(7, 0.5));
        assertEquals(ofMillis(750), backoff.after(1, 0.5));
    }

    @Test
    void invalidArguments_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ofSeconds(0), ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(ofSeconds(2), ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0, 0));
    }
}
