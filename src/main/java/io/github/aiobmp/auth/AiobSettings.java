package io.github.aiobmp.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * The component's MicroProfile Config keys, their defaults (kept here in code, so that any
 * config source of a deployment outranks them), and their validation.
 *
 * @param url           the AIOB base URL; the token endpoint is {@code url + /api/v2/getToken}
 * @param refreshPolicy when cached tokens turn STALE and EXPIRED
 * @param maxWait       the longest a caller waits for a token, retries included
 */
public record AiobSettings(URI url, RefreshPolicy refreshPolicy, Duration maxWait) {

    /** The AIOB base URL. */
    public static final String URL = "aiob.url";
    /** The AIOB Access Key. */
    public static final String ACCESS_KEY = "aiob.access-key";
    /** The AIOB Secret Key. */
    public static final String SECRET_KEY = "aiob.secret-key";
    /** How long before expiry a refresh starts (capped at half the token's lifetime). */
    public static final String REFRESH_AHEAD = "aiob.token.refresh-ahead-seconds";
    /** The most by which a refresh start is randomly delayed. */
    public static final String REFRESH_JITTER = "aiob.token.refresh-jitter-seconds";
    /** How long before AIOB's expiry a token is no longer sent (clock skew). */
    public static final String EXPIRY_MARGIN = "aiob.token.expiry-margin-seconds";
    /** The longest a caller waits for a token, retries included. */
    public static final String MAX_WAIT = "aiob.token.max-wait-millis";

    static final String DEFAULT_URL = "https://aiob-open.baidu.com";
    static final long DEFAULT_REFRESH_AHEAD_SECONDS = 300;
    static final long DEFAULT_REFRESH_JITTER_SECONDS = 60;
    static final long DEFAULT_EXPIRY_MARGIN_SECONDS = 60;
    static final long DEFAULT_MAX_WAIT_MILLIS = 10_000;

    /**
     * Reads and validates the settings.
     *
     * @throws AiobConfigurationException naming the first invalid key
     */
    public static AiobSettings from(Config config) {
        RefreshPolicy policy = new RefreshPolicy(
                Duration.ofSeconds(nonNegative(config, REFRESH_AHEAD, DEFAULT_REFRESH_AHEAD_SECONDS)),
                Duration.ofSeconds(nonNegative(config, REFRESH_JITTER, DEFAULT_REFRESH_JITTER_SECONDS)),
                Duration.ofSeconds(nonNegative(config, EXPIRY_MARGIN, DEFAULT_EXPIRY_MARGIN_SECONDS)));
        long maxWaitMillis = nonNegative(config, MAX_WAIT, DEFAULT_MAX_WAIT_MILLIS);
        if (maxWaitMillis == 0) {
            throw invalid(MAX_WAIT, "0", "a positive number of milliseconds");
        }
        return new AiobSettings(url(config), policy, Duration.ofMillis(maxWaitMillis));
    }

    /**
     * Reads the credentials; read on every token request, so a changed value is picked up.
     *
     * @throws AiobConfigurationException naming every missing key
     */
    public static Credentials credentials(Config config) {
        Optional<String> accessKey = nonBlank(config, ACCESS_KEY);
        Optional<String> secretKey = nonBlank(config, SECRET_KEY);
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return new Credentials(accessKey.get(), secretKey.get());
        }
        List<String> missing = new ArrayList<>();
        if (accessKey.isEmpty()) {
            missing.add(describe(ACCESS_KEY));
        }
        if (secretKey.isEmpty()) {
            missing.add(describe(SECRET_KEY));
        }
        throw new AiobConfigurationException("AIOB credentials are not configured: set " + String.join(" and ", missing));
    }

    /** Returns {@code key (environment variable KEY)}, the way users can set it. */
    static String describe(String key) {
        return key + " (environment variable " + key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT) + ")";
    }

    private static URI url(Config config) {
        String value = config.getOptionalValue(URL, String.class).orElse(DEFAULT_URL).strip();
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid(URL, value, "an absolute http or https URL such as " + DEFAULT_URL);
            }
            // Strip trailing slashes so that url + "/api/..." never doubles one.
            return new URI(value.replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw invalid(URL, value, "an absolute http or https URL such as " + DEFAULT_URL);
        }
    }

    private static long nonNegative(Config config, String key, long defaultValue) {
        Optional<String> raw = config.getOptionalValue(key, String.class);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get().strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        throw invalid(key, raw.get(), "a whole number, 0 or more");
    }

    private static Optional<String> nonBlank(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static AiobConfigurationException invalid(String key, String value, String expected) {
        return new AiobConfigurationException("Invalid " + describe(key) + ": '" + value + "'; expected " + expected);
    }

    /** An AIOB Access Key / Secret Key pair; {@link #toString()} shows neither. */
    public record Credentials(String accessKey, String secretKey) {

        @Override
        public String toString() {
            return "Credentials[accessKey fingerprint=" + Fingerprint.of(accessKey) + "]";
        }
    }
}
