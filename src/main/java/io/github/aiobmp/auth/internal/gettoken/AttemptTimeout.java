package io.github.aiobmp.auth.internal.gettoken;

import org.eclipse.microprofile.config.Config;

/**
 * The Fault Tolerance timeout of one getToken attempt, read from MicroProfile's own override keys:
 * a blocking read is only really cut off by the socket timeouts, so the getToken client's connect
 * and read timeouts follow it.
 */
public final class AttemptTimeout {

    /** Per-attempt timeout in milliseconds, unless overridden by {@link #KEY}: the {@code @Timeout} of TokenFetcher. */
    public static final long DEFAULT_MILLIS = 3000;
    /** MicroProfile Fault Tolerance's key for it; the class name is part of the key users set. */
    public static final String KEY = "io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/value";
    private static final String GLOBAL_KEY = "Timeout/value";

    private AttemptTimeout() {
    }

    /** Returns the per-attempt timeout: {@link #KEY}, else the global {@code Timeout/value}, else the default. */
    public static long millis(Config config) {
        return config.getOptionalValue(KEY, Long.class)
                .or(() -> config.getOptionalValue(GLOBAL_KEY, Long.class))
                .orElse(DEFAULT_MILLIS);
    }
}
