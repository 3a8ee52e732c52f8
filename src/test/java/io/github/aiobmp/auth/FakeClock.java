package io.github.aiobmp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until the test advances it. */
final class FakeClock extends Clock {

    private volatile Instant now;

    FakeClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward; synchronized because a fake source may advance it from a fetch thread. */
    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
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
}
