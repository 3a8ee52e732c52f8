package io.github.aiobmp.auth.internal.gettoken;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigurationException;

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
    private static final List<String> PREFIXES = List.of("io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/",
            "io.github.aiobmp.auth.TokenFetcher/Timeout/", "Timeout/");

    private AttemptTimeout() {
    }

    /**
     * Returns the per-attempt timeout as Fault Tolerance reads it: the method's {@code value} and
     * {@code unit}, else the class's, else the global ones, else the default.
     */
    public static long millis(Config config) {
        for (String prefix : PREFIXES) {
            Optional<Long> value = config.getOptionalValue(prefix + "value", Long.class);
            if (value.isPresent()) {
                ChronoUnit unit = config.getOptionalValue(prefix + "unit", String.class).map(String::strip)
                        .map(AttemptTimeout::unit).orElse(ChronoUnit.MILLIS);
                return unit.getDuration().multipliedBy(value.get()).toMillis();
            }
        }
        return DEFAULT_MILLIS;
    }

    private static ChronoUnit unit(String name) {
        try {
            return ChronoUnit.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new AiobConfigurationException("Invalid Fault Tolerance Timeout/unit '" + name
                    + "' for getToken: expected a ChronoUnit, such as SECONDS");
        }
    }
}
