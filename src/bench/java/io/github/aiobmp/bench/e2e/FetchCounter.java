package io.github.aiobmp.bench.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;

/**
 * Counts this application's getToken fetches. The simulator counts every application's, and each
 * benchmark copy renews its own token in the background even while another copy is under load,
 * so bench/e2e.sh asks each copy for its own count.
 */
@ApplicationScoped
public class FetchCounter implements TokenEvents {

    private final AtomicInteger fetches = new AtomicInteger();

    @Override
    public void fetched(FetchOutcome outcome, Duration took) {
        fetches.incrementAndGet();
    }

    int fetches() {
        return fetches.get();
    }
}
