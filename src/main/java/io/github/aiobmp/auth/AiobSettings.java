package io.github.aiobmp.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;

/**
 * The component's MicroProfile Config keys, their defaults (kept here in code, so that any
 * config source of a deployment outranks them), and their validation.
 *
 * @param url                      the AIOB base URL; the token endpoint is {@code url + /api/v2/getToken}
 * @param cachePolicy              refresh, backoff and waiting times of the token cache
 * @param destinations             where the token may be sent
 * @param rejectionCodes           the body {@code code}s by which AIOB says it rejected a token
 * @param credentialsCheckInterval how often the credentials are re-read to notice a rotation;
 *                                 zero turns the check off
 * @param prefetch                 whether a token is fetched in the background when the application starts
 */
public record AiobSettings(URI url, CachePolicy cachePolicy, TokenDestinations destinations, Set<Integer> rejectionCodes,
        Duration credentialsCheckInterval, boolean prefetch) {

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
    /** The first wait after a failed getToken; it doubles with each further failure. */
    public static final String FAILURE_BACKOFF_INITIAL = "aiob.token.failure-backoff-initial-millis";
    /** The longest wait between getToken attempts after failures. */
    public static final String FAILURE_BACKOFF_MAX = "aiob.token.failure-backoff-max-seconds";
    /** The least time between two token refreshes forced by AIOB rejecting a token. */
    public static final String REAUTH_MIN_INTERVAL = "aiob.token.reauth-min-interval-millis";
    /** The {@code code}s in an HTTP 200 body by which AIOB says it rejected the token (HTTP 401 always counts). */
    public static final String REJECTION_CODES = "aiob.token.rejection-codes";
    /** More hosts, besides aiob.url's, that may receive the token: {@code host} or {@code host:port}, comma-separated. */
    public static final String ALLOWED_HOSTS = "aiob.allowed-hosts";
    /** Allows credentials and tokens over plain HTTP to hosts that are not loopback. */
    public static final String ALLOW_PLAIN_HTTP = "aiob.allow-plain-http";
    /** Fetch a token in the background when the application starts. */
    public static final String PREFETCH = "aiob.token.prefetch";
    /** How often the credentials are re-read, so that rotated keys replace the token; 0 turns it off. */
    public static final String CREDENTIALS_CHECK_INTERVAL = "aiob.credentials.check-interval-seconds";

    static final String DEFAULT_URL = "https://aiob-open.baidu.com";
    static final long DEFAULT_REFRESH_AHEAD_SECONDS = 300;
    static final long DEFAULT_REFRESH_JITTER_SECONDS = 60;
    static final long DEFAULT_EXPIRY_MARGIN_SECONDS = 60;
    static final long DEFAULT_MAX_WAIT_MILLIS = 10_000;
    static final long DEFAULT_FAILURE_BACKOFF_INITIAL_MILLIS = 1000;
    static final long DEFAULT_FAILURE_BACKOFF_MAX_SECONDS = 60;
    static final long DEFAULT_REAUTH_MIN_INTERVAL_MILLIS = 1000;
    static final String DEFAULT_REJECTION_CODES = "401";
    static final long DEFAULT_CREDENTIALS_CHECK_INTERVAL_SECONDS = 5;

    /**
     * Reads and validates the settings.
     *
     * @throws AiobConfigurationException naming every invalid key, so that one restart fixes them all
     */
    public static AiobSettings from(Config config) {
        Problems problems = new Problems();
        RefreshPolicy refresh = new RefreshPolicy(
                Duration.ofSeconds(problems.check(() -> nonNegative(config, REFRESH_AHEAD, DEFAULT_REFRESH_AHEAD_SECONDS),
                        DEFAULT_REFRESH_AHEAD_SECONDS)),
                Duration.ofSeconds(problems.check(() -> nonNegative(config, REFRESH_JITTER,
                        DEFAULT_REFRESH_JITTER_SECONDS), DEFAULT_REFRESH_JITTER_SECONDS)),
                Duration.ofSeconds(problems.check(() -> nonNegative(config, EXPIRY_MARGIN, DEFAULT_EXPIRY_MARGIN_SECONDS),
                        DEFAULT_EXPIRY_MARGIN_SECONDS)));
        Duration backoffInitial = Duration.ofMillis(problems.check(() -> positive(config, FAILURE_BACKOFF_INITIAL,
                DEFAULT_FAILURE_BACKOFF_INITIAL_MILLIS), DEFAULT_FAILURE_BACKOFF_INITIAL_MILLIS));
        Duration backoffMax = Duration.ofSeconds(problems.check(() -> positive(config, FAILURE_BACKOFF_MAX,
                DEFAULT_FAILURE_BACKOFF_MAX_SECONDS), DEFAULT_FAILURE_BACKOFF_MAX_SECONDS));
        if (backoffMax.compareTo(backoffInitial) < 0) {
            problems.add(invalid(FAILURE_BACKOFF_MAX, String.valueOf(backoffMax.toSeconds()), "at least "
                    + FAILURE_BACKOFF_INITIAL + " (" + backoffInitial.toMillis() + " ms)"));
            backoffMax = backoffInitial;
        }
        Duration maxWait = Duration.ofMillis(problems.check(() -> positive(config, MAX_WAIT, DEFAULT_MAX_WAIT_MILLIS),
                DEFAULT_MAX_WAIT_MILLIS));
        Duration reauthInterval = Duration.ofMillis(problems.check(() -> nonNegative(config, REAUTH_MIN_INTERVAL,
                DEFAULT_REAUTH_MIN_INTERVAL_MILLIS), DEFAULT_REAUTH_MIN_INTERVAL_MILLIS));
        boolean allowPlainHttp = problems.check(() -> bool(config, ALLOW_PLAIN_HTTP), false);
        boolean prefetch = problems.check(() -> bool(config, PREFETCH), false);
        URI url = problems.check(() -> url(config, allowPlainHttp), URI.create(DEFAULT_URL));
        List<TokenDestinations.AllowedHost> allowedHosts = problems.check(() -> allowedHosts(config), List.of());
        Set<Integer> rejectionCodes = problems.check(() -> rejectionCodes(config), Set.of());
        Duration credentialsCheck = Duration.ofSeconds(problems.check(() -> nonNegative(config,
                CREDENTIALS_CHECK_INTERVAL, DEFAULT_CREDENTIALS_CHECK_INTERVAL_SECONDS),
                DEFAULT_CREDENTIALS_CHECK_INTERVAL_SECONDS));
        problems.throwIfAny();
        return new AiobSettings(url, new CachePolicy(refresh, new Backoff(backoffInitial, backoffMax), maxWait,
                reauthInterval), new TokenDestinations(AiobDestination.of(url), allowedHosts, allowPlainHttp),
                rejectionCodes, credentialsCheck, prefetch);
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

    private static URI url(Config config, boolean allowPlainHttp) {
        String value = config.getOptionalValue(URL, String.class).orElse(DEFAULT_URL).strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(URL, value, "an absolute http or https URL such as " + DEFAULT_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(URL, value, "an absolute http or https URL such as " + DEFAULT_URL);
        }
        if (uri.getRawUserInfo() != null) {
            // Said without the value: user info in a URL is a credential.
            throw new AiobConfigurationException("Invalid " + describe(URL) + ": it contains user info (user:password@);"
                    + " expected a URL without, such as " + DEFAULT_URL);
        }
        if (!AiobDestination.of(uri).isPrivate() && !allowPlainHttp) {
            throw invalid(URL, value, "https (the secret key and tokens would cross the network in clear), or set "
                    + describe(ALLOW_PLAIN_HTTP) + " to true for a trusted network");
        }
        // Strip trailing slashes so that url + "/api/..." never doubles one.
        return URI.create(value.replaceAll("/+$", ""));
    }

    private static List<TokenDestinations.AllowedHost> allowedHosts(Config config) {
        List<TokenDestinations.AllowedHost> hosts = new ArrayList<>();
        for (String entry : list(config, ALLOWED_HOSTS, "")) {
            try {
                hosts.add(TokenDestinations.AllowedHost.parse(entry));
            } catch (IllegalArgumentException e) {
                throw invalid(ALLOWED_HOSTS, entry, "host or host:port entries, comma-separated");
            }
        }
        return hosts;
    }

    private static Set<Integer> rejectionCodes(Config config) {
        Set<Integer> codes = new LinkedHashSet<>();
        for (String entry : list(config, REJECTION_CODES, DEFAULT_REJECTION_CODES)) {
            try {
                codes.add(Integer.valueOf(entry));
            } catch (NumberFormatException e) {
                throw invalid(REJECTION_CODES, entry, "whole numbers, comma-separated, such as " + DEFAULT_REJECTION_CODES);
            }
        }
        if (codes.contains(200)) {
            throw invalid(REJECTION_CODES, "200", "codes other than 200, which means success");
        }
        return Set.copyOf(codes);
    }

    /** Splits a comma-separated value; blank entries are dropped. */
    private static List<String> list(Config config, String key, String defaultValue) {
        String raw = config.getOptionalValue(key, String.class).orElse(defaultValue);
        return Arrays.stream(raw.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static boolean bool(Config config, String key) {
        String raw = config.getOptionalValue(key, String.class).orElse("false").strip();
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw invalid(key, raw, "true or false");
    }

    private static long positive(Config config, String key, long defaultValue) {
        long value = nonNegative(config, key, defaultValue);
        if (value == 0) {
            throw invalid(key, "0", "a whole number, 1 or more");
        }
        return value;
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

    /** Collects every invalid setting, so that the one exception names them all. */
    private static final class Problems {

        private final List<String> messages = new ArrayList<>();

        /** Returns what {@code read} returns, or {@code fallback} after noting why it failed. */
        <T> T check(Supplier<T> read, T fallback) {
            try {
                return read.get();
            } catch (AiobConfigurationException e) {
                messages.add(e.getMessage());
                return fallback;
            }
        }

        void add(AiobConfigurationException problem) {
            messages.add(problem.getMessage());
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new AiobConfigurationException(String.join("; ", messages));
            }
        }
    }

    /** An AIOB Access Key / Secret Key pair; {@link #toString()} shows neither. */
    public record Credentials(String accessKey, String secretKey) {

        @Override
        public String toString() {
            return "Credentials[accessKey fingerprint=" + Fingerprint.of(accessKey) + "]";
        }
    }
}
