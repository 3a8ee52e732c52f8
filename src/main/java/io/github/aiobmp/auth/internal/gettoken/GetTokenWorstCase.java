package io.github.aiobmp.auth.internal.gettoken;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * The longest getToken can take, retries and delays included, under the Fault Tolerance policy of
 * TokenFetcher as MicroProfile's own keys override it: what a lease on the call must outlast.
 */
public final class GetTokenWorstCase {

    private static final String METHOD = "io.github.aiobmp.auth.TokenFetcher/fetch/";
    /** getToken's retry policy as TokenFetcher declares it, before MicroProfile Config overrides it. */
    public static final int MAX_RETRIES = 2;
    public static final long DELAY_MILLIS = 200;
    public static final long JITTER_MILLIS = 100;
    public static final long MAX_DURATION_MILLIS = 15_000;

    private GetTokenWorstCase() {
    }

    /** {@code min(maxDuration, attempts × timeout + retries × (delay + jitter))}. */
    public static Duration of(Config config) {
        long retries = value(config, "Retry/maxRetries", MAX_RETRIES);
        long perAttempt = AttemptTimeout.millis(config);
        long between = value(config, "Retry/delay", DELAY_MILLIS) + value(config, "Retry/jitter", JITTER_MILLIS);
        long all = (retries + 1) * perAttempt + retries * between;
        return Duration.ofMillis(Math.min(all, value(config, "Retry/maxDuration", MAX_DURATION_MILLIS)));
    }

    /** Says how {@link #of} came out, for a message. */
    public static String explain(Config config) {
        long retries = value(config, "Retry/maxRetries", MAX_RETRIES);
        return (retries + 1) + " attempts of " + AttemptTimeout.millis(config) + " ms and " + retries
                + " delays, at most " + value(config, "Retry/maxDuration", MAX_DURATION_MILLIS) + " ms in all ("
                + METHOD + "…)";
    }

    private static long value(Config config, String key, long defaultValue) {
        return config.getOptionalValue(METHOD + key, Long.class)
                .or(() -> config.getOptionalValue(key, Long.class))
                .orElse(defaultValue);
    }
}
