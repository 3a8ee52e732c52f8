package io.github.aiobmp.auth.internal.gettoken;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigurationException;

/**
 * The longest getToken can take, retries and delays included, under the Fault Tolerance policy of
 * TokenFetcher as MicroProfile's own keys override it (method, then class, then global keys, with
 * their units): what a lease on the call must outlast.
 */
public final class GetTokenWorstCase {

    private static final String CLASS = "io.github.aiobmp.auth.TokenFetcher/";
    private static final String METHOD = CLASS + "fetch/";
    /** getToken's retry policy as TokenFetcher declares it, before MicroProfile Config overrides it. */
    public static final int MAX_RETRIES = 2;
    public static final long DELAY_MILLIS = 200;
    public static final long JITTER_MILLIS = 100;
    public static final long MAX_DURATION_MILLIS = 15_000;
    /** What a getToken with unbounded retries and no maxDuration comes to: no lease outlasts it. */
    private static final Duration UNBOUNDED = ChronoUnit.FOREVER.getDuration();

    private GetTokenWorstCase() {
    }

    /**
     * {@code min(attempts × timeout + retries × (delay + jitter), maxDuration + timeout)}: Fault
     * Tolerance does not cut off an attempt that is running when maxDuration passes. With
     * {@code maxRetries = -1} (unbounded) only the second term bounds it.
     */
    public static Duration of(Config config) {
        long retries = retries(config);
        Duration perAttempt = Duration.ofMillis(AttemptTimeout.millis(config));
        Duration between = duration(config, "delay", "delayUnit", DELAY_MILLIS)
                .plus(duration(config, "jitter", "jitterDelayUnit", JITTER_MILLIS));
        Duration all = retries < 0 ? UNBOUNDED : perAttempt.multipliedBy(retries + 1).plus(between.multipliedBy(retries));
        Duration maxDuration = duration(config, "maxDuration", "durationUnit", MAX_DURATION_MILLIS);
        Duration bound = maxDuration.isZero() ? UNBOUNDED : maxDuration.plus(perAttempt);
        return all.compareTo(bound) <= 0 ? all : bound;
    }

    /** Says how {@link #of} came out, for a message. */
    public static String explain(Config config) {
        long retries = retries(config);
        Duration maxDuration = duration(config, "maxDuration", "durationUnit", MAX_DURATION_MILLIS);
        return (retries < 0 ? "unbounded retries" : (retries + 1) + " attempts") + " of "
                + AttemptTimeout.millis(config) + " ms" + (retries < 0 ? "" : " and " + retries + " delays") + ", "
                + (maxDuration.isZero() ? "no maxDuration" : "at most " + maxDuration.toMillis()
                        + " ms in all, plus the attempt running then") + " (" + METHOD + "Retry/…)";
    }

    private static long retries(Config config) {
        return value(config, "maxRetries", Long::parseLong).orElse((long) MAX_RETRIES);
    }

    private static Duration duration(Config config, String key, String unitKey, long defaultMillis) {
        Optional<Long> amount = value(config, key, Long::parseLong);
        if (amount.isEmpty()) {
            return Duration.ofMillis(defaultMillis);
        }
        ChronoUnit unit = value(config, unitKey, ChronoUnit::valueOf).orElse(ChronoUnit.MILLIS);
        return unit.getDuration().multipliedBy(amount.get());
    }

    /** The method's key, else the class's, else the global one, as Fault Tolerance looks them up. */
    private static <T> Optional<T> value(Config config, String key, Function<String, T> parse) {
        for (String name : List.of(METHOD + "Retry/" + key, CLASS + "Retry/" + key, "Retry/" + key)) {
            Optional<String> text = config.getOptionalValue(name, String.class).map(String::strip);
            if (text.isPresent()) {
                try {
                    return Optional.of(parse.apply(text.get()));
                } catch (IllegalArgumentException e) {
                    throw new AiobConfigurationException("Invalid " + name + ": '" + text.get()
                            + "' is not a Fault Tolerance " + (key.endsWith("Unit") ? "ChronoUnit, such as SECONDS"
                                    : "whole number"));
                }
            }
        }
        return Optional.empty();
    }
}
