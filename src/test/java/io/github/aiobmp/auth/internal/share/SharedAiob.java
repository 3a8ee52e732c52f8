package io.github.aiobmp.auth.internal.share;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;

/**
 * getToken as every server of a test cluster sees it: one AIOB account, whose calls it counts
 * whichever server makes them. Grants {@code token-1-…}, {@code token-2-…}, each with a random
 * tail, so that a token found in a cache's raw entries cannot be a coincidence.
 */
final class SharedAiob implements TokenSource {

    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofMinutes(60);
    private volatile Runnable duringFetch = () -> { };

    /** Grants tokens that live {@code lifetime} from now on. */
    SharedAiob lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /** Runs {@code action} inside every getToken, before it answers: to hold it at the worst moment. */
    SharedAiob duringFetch(Runnable action) {
        this.duringFetch = action;
        return this;
    }

    /** Returns the most getToken calls that ran at the same time, on any servers. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Returns how many getToken calls the whole cluster made. */
    int calls() {
        return issued.size();
    }

    /** Returns the token the {@code n}-th getToken granted, counting from 1. */
    String token(int n) {
        return issued.get(n - 1);
    }

    @Override
    public TokenGrant fetch() {
        String token;
        synchronized (issued) {
            token = "token-" + (issued.size() + 1) + "-" + UUID.randomUUID().toString().replace("-", "");
            issued.add(token);
        }
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            duringFetch.run();
        } finally {
            inFlight.decrementAndGet();
        }
        return new TokenGrant(token, lifetime);
    }
}
