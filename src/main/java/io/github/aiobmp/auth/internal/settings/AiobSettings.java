package io.github.aiobmp.auth.internal.settings;

import static io.github.aiobmp.auth.AiobConfigKeys.describe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.cache.Backoff;
import io.github.aiobmp.auth.internal.cache.CachePolicy;
import io.github.aiobmp.auth.internal.cache.ContentionPolicy;
import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.destination.AiobDestination;
import io.github.aiobmp.auth.internal.destination.TokenDestinations;
import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * The component's settings, read from the keys of {@link AiobConfigKeys} and validated.
 *
 * @param url                      see {@link AiobConfigKeys#URL}
 * @param cachePolicy              refresh, backoff and waiting times of the token cache
 * @param destinations             where the token may be sent
 * @param rejectionCodes           see {@link AiobConfigKeys#REJECTION_CODES}
 * @param credentialsCheckInterval see {@link AiobConfigKeys#CREDENTIALS_CHECK_INTERVAL}; zero when off
 * @param prefetch                 see {@link AiobConfigKeys#PREFETCH}
 * @param store                    where servers share their token
 */
public record AiobSettings(URI url, CachePolicy cachePolicy, TokenDestinations destinations, Set<Integer> rejectionCodes,
        Duration credentialsCheckInterval, boolean prefetch, Store store) {

    /** A number with one of these units, e.g. {@code 300ms}, {@code 10s}, {@code 5m}. */
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String DURATION_FORMS = "a duration with its unit, such as 300ms, 10s, 5m, 1h, 2d, or ISO-8601"
            + " such as PT5M";

    /**
     * Reads and validates the settings; a key no source sets takes its default.
     *
     * @throws AiobConfigurationException naming every invalid key, so that one restart fixes them all
     */
    public static AiobSettings from(Config config) {
        Problems problems = new Problems();
        RefreshPolicy refresh = new RefreshPolicy(
                problems.duration(config, AiobConfigKeys.REFRESH_AHEAD, false),
                problems.duration(config, AiobConfigKeys.REFRESH_JITTER, false),
                problems.duration(config, AiobConfigKeys.EXPIRY_MARGIN, false));
        Duration backoffInitial = problems.duration(config, AiobConfigKeys.FAILURE_BACKOFF_INITIAL, true);
        Duration backoffMax = problems.duration(config, AiobConfigKeys.FAILURE_BACKOFF_MAX, true);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            problems.add(invalid(AiobConfigKeys.FAILURE_BACKOFF_MAX, value(config, AiobConfigKeys.FAILURE_BACKOFF_MAX),
                    "at least " + AiobConfigKeys.FAILURE_BACKOFF_INITIAL + " (" + backoffInitial.toMillis() + " ms)"));
            backoffMax = backoffInitial;
        }
        Duration maxWait = problems.duration(config, AiobConfigKeys.MAX_WAIT, true);
        Duration reauthInterval = problems.duration(config, AiobConfigKeys.REAUTH_MIN_INTERVAL, false);
        ContentionPolicy contention = contention(config, problems, reauthInterval);
        boolean allowPlainHttp = problems.check(() -> bool(config, AiobConfigKeys.ALLOW_PLAIN_HTTP), false);
        boolean prefetch = problems.check(() -> bool(config, AiobConfigKeys.PREFETCH), false);
        URI url = problems.check(() -> url(config, allowPlainHttp), URI.create(defaultOf(AiobConfigKeys.URL)));
        List<TokenDestinations.AllowedHost> allowedHosts = problems.check(() -> allowedHosts(config), List.of());
        Set<Integer> rejectionCodes = problems.check(() -> rejectionCodes(config), Set.of());
        Duration credentialsCheck = problems.duration(config, AiobConfigKeys.CREDENTIALS_CHECK_INTERVAL, false);
        Store store = new Store(problems.check(() -> storeName(config), LOCAL_STORE),
                problems.duration(config, AiobConfigKeys.TOKEN_STORE_TIMEOUT, true),
                problems.duration(config, AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT, false),
                problems.duration(config, AiobConfigKeys.TOKEN_STORE_LEASE, true),
                problems.duration(config, AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, false));
        problems.throwIfAny();
        return new AiobSettings(url, new CachePolicy(refresh, new Backoff(backoffInitial, backoffMax), maxWait,
                reauthInterval, contention), new TokenDestinations(AiobDestination.of(url), allowedHosts, allowPlainHttp),
                rejectionCodes, credentialsCheck, prefetch, store);
    }

    /** The keys renamed in 0.1.0, to say what an old one is called now. */
    private static final Map<String, String> RENAMED = Map.of(
            "aiob.token.refresh-ahead-seconds", AiobConfigKeys.REFRESH_AHEAD,
            "aiob.token.refresh-jitter-seconds", AiobConfigKeys.REFRESH_JITTER,
            "aiob.token.expiry-margin-seconds", AiobConfigKeys.EXPIRY_MARGIN,
            "aiob.token.max-wait-millis", AiobConfigKeys.MAX_WAIT,
            "aiob.token.failure-backoff-initial-millis", AiobConfigKeys.FAILURE_BACKOFF_INITIAL,
            "aiob.token.failure-backoff-max-seconds", AiobConfigKeys.FAILURE_BACKOFF_MAX,
            "aiob.token.reauth-min-interval-millis", AiobConfigKeys.REAUTH_MIN_INTERVAL,
            "aiob.credentials.check-interval-seconds", AiobConfigKeys.CREDENTIALS_CHECK_INTERVAL);
    /** Read by the simulator, not by the component. */
    private static final String SIMULATOR_PREFIX = "aiob.simulator.";

    /**
     * Says which settings a deployment gives that the component does not know, so that a typo or a
     * key renamed since is not silently ignored: {@code aiob.*} properties and {@code AIOB_*}
     * environment variables that name no key.
     *
     * @return one sentence per unknown setting, with the key it was probably meant to be; empty when none
     */
    public static List<String> unknownSettings(Config config) {
        Set<String> known = new HashSet<>(AiobConfigKeys.all());
        AiobConfigKeys.all().forEach(key -> known.addAll(environmentNames(key)));
        Map<String, String> renamedEnv = new HashMap<>();
        RENAMED.forEach((old, now) -> environmentNames(old).forEach(name -> renamedEnv.put(name, now)));
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(toSet(config.getPropertyNames()))) {
            // A rest client's own keys (configKey/mp-rest/…) are not ours, whatever its configKey.
            boolean ours = !name.contains("/") && (name.startsWith("aiob.") && !name.startsWith(SIMULATOR_PREFIX)
                    || name.startsWith("AIOB_") && !name.startsWith("AIOB_SIMULATOR_"));
            if (!ours || known.contains(name)) {
                continue;
            }
            String now = RENAMED.getOrDefault(name, renamedEnv.get(name));
            unknown.add(name + " is not a setting of the component, and is ignored"
                    + (now == null ? "" : ": it was renamed " + describe(now) + ", whose value carries its unit"
                            + " (e.g. " + AiobConfigKeys.defaultOf(now) + ")"));
        }
        return unknown;
    }

    /**
     * What an environment variable for {@code key} is listed as: its name, and the dotted lower-case
     * name SmallRye Config (Open Liberty's) lists it under when no other source has the key itself,
     * as for a key without a default ({@code AIOB_TOKEN_STORE_JCACHE_URI}, {@code aiob.token.store.jcache.uri}).
     */
    private static List<String> environmentNames(String key) {
        String variable = AiobConfigKeys.environmentVariable(key);
        return List.of(variable, variable.toLowerCase(Locale.ROOT).replace('_', '.'));
    }

    private static Set<String> toSet(Iterable<String> names) {
        Set<String> set = new HashSet<>();
        names.forEach(set::add);
        return set;
    }

    /**
     * Reads the credentials; read on every token request, so a changed value is picked up.
     *
     * @throws AiobConfigurationException naming every missing key
     */
    public static Credentials credentials(Config config) {
        Optional<String> accessKey = nonBlank(config, AiobConfigKeys.ACCESS_KEY);
        Optional<String> secretKey = nonBlank(config, AiobConfigKeys.SECRET_KEY);
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return new Credentials(accessKey.get(), secretKey.get());
        }
        List<String> missing = new ArrayList<>();
        if (accessKey.isEmpty()) {
            missing.add(describe(AiobConfigKeys.ACCESS_KEY));
        }
        if (secretKey.isEmpty()) {
            missing.add(describe(AiobConfigKeys.SECRET_KEY));
        }
        throw new AiobConfigurationException("AIOB credentials are not configured: set " + String.join(" and ", missing));
    }

    /** Longer than any setting means, and short of overflowing the nanoseconds the timers count in. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    /**
     * Reads a duration written with its unit ({@code 300ms}, {@code 10s}, {@code 5m}, {@code 1h},
     * {@code 2d}) or in ISO-8601 ({@code PT5M}); a bare number is refused, since its unit would be a guess.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    static Duration parseDuration(String text) {
        String value = text.strip();
        Matcher withUnit = WITH_UNIT.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (withUnit.matches()) {
                long amount = Long.parseLong(withUnit.group(1));
                return switch (withUnit.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            if (value.startsWith("P") || value.startsWith("p")) {
                Duration iso = Duration.parse(value);
                if (!iso.isNegative()) {
                    return iso;
                }
            }
            // withUnit or iso did not return: refused below
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            // out of range or malformed: refused below, with the forms that are accepted
        }
        throw new IllegalArgumentException(value.matches("-?\\d+") ? DURATION_FORMS + " (a bare number has no unit)"
                : DURATION_FORMS);
    }

    private static String defaultOf(String key) {
        return AiobConfigKeys.defaultOf(key);
    }

    /** Returns the configured value of {@code key}, or its default. */
    private static String value(Config config, String key) {
        return config.getOptionalValue(key, String.class).orElse(defaultOf(key));
    }

    private static URI url(Config config, boolean allowPlainHttp) {
        String value = value(config, AiobConfigKeys.URL).strip();
        String example = defaultOf(AiobConfigKeys.URL);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(AiobConfigKeys.URL, value, "an absolute http or https URL such as " + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(AiobConfigKeys.URL, value, "an absolute http or https URL such as " + example);
        }
        if (uri.getRawUserInfo() != null) {
            // Said without the value: user info in a URL is a credential.
            throw new AiobConfigurationException("Invalid " + describe(AiobConfigKeys.URL) + ": it contains user info"
                    + " (user:password@); expected a URL without, such as " + example);
        }
        if (!AiobDestination.of(uri).isPrivate() && !allowPlainHttp) {
            throw invalid(AiobConfigKeys.URL, value, "https (the secret key and tokens would cross the network in"
                    + " clear), or set " + describe(AiobConfigKeys.ALLOW_PLAIN_HTTP) + " to true for a trusted network");
        }
        // Strip trailing slashes so that url + "/api/..." never doubles one.
        return URI.create(value.replaceAll("/+$", ""));
    }

    private static ContentionPolicy contention(Config config, Problems problems, Duration reauthInterval) {
        int rejections = problems.check(() -> {
            String raw = value(config, AiobConfigKeys.CONTENTION_REJECTIONS).strip();
            try {
                int parsed = Integer.parseInt(raw);
                if (parsed >= 0 && parsed <= 100) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw invalid(AiobConfigKeys.CONTENTION_REJECTIONS, raw, "a whole number from 0 (no detection) to 100,"
                    + " such as " + defaultOf(AiobConfigKeys.CONTENTION_REJECTIONS));
        }, 0);
        Duration tokenAge = problems.duration(config, AiobConfigKeys.CONTENTION_TOKEN_AGE, true);
        Duration window = problems.duration(config, AiobConfigKeys.CONTENTION_WINDOW, true);
        Duration backoffMax = problems.duration(config, AiobConfigKeys.CONTENTION_BACKOFF_MAX, true);
        if (backoffMax.compareTo(reauthInterval) < 0) {
            problems.add(invalid(AiobConfigKeys.CONTENTION_BACKOFF_MAX, value(config,
                    AiobConfigKeys.CONTENTION_BACKOFF_MAX), "at least " + AiobConfigKeys.REAUTH_MIN_INTERVAL + " ("
                    + reauthInterval.toMillis() + " ms)"));
            backoffMax = reauthInterval;
        }
        return new ContentionPolicy(rejections, tokenAge, window, backoffMax);
    }

    private static String storeName(Config config) {
        String name = value(config, AiobConfigKeys.TOKEN_STORE).strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw invalid(AiobConfigKeys.TOKEN_STORE, name, LOCAL_STORE + ", or the name of a token store module"
                    + " such as jcache");
        }
        return name;
    }

    private static List<TokenDestinations.AllowedHost> allowedHosts(Config config) {
        List<TokenDestinations.AllowedHost> hosts = new ArrayList<>();
        for (String entry : list(config, AiobConfigKeys.ALLOWED_HOSTS)) {
            try {
                hosts.add(TokenDestinations.AllowedHost.parse(entry));
            } catch (IllegalArgumentException e) {
                throw invalid(AiobConfigKeys.ALLOWED_HOSTS, entry, "host or host:port entries, comma-separated");
            }
        }
        return hosts;
    }

    private static Set<Integer> rejectionCodes(Config config) {
        Set<Integer> codes = new LinkedHashSet<>();
        for (String entry : list(config, AiobConfigKeys.REJECTION_CODES)) {
            try {
                codes.add(Integer.valueOf(entry));
            } catch (NumberFormatException e) {
                throw invalid(AiobConfigKeys.REJECTION_CODES, entry, "whole numbers, comma-separated, such as "
                        + defaultOf(AiobConfigKeys.REJECTION_CODES));
            }
        }
        if (codes.contains(200)) {
            throw invalid(AiobConfigKeys.REJECTION_CODES, "200", "codes other than 200, which means success");
        }
        return Set.copyOf(codes);
    }

    /** Splits a comma-separated value; blank entries are dropped. */
    private static List<String> list(Config config, String key) {
        String raw = Optional.ofNullable(value(config, key)).orElse("");
        return Arrays.stream(raw.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static boolean bool(Config config, String key) {
        String raw = value(config, key).strip();
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw invalid(key, raw, "true or false");
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

        /** Reads the duration {@code key}, or notes why it is invalid and returns its default. */
        Duration duration(Config config, String key, boolean positive) {
            Duration fallback = parseDuration(defaultOf(key));
            return check(() -> {
                String raw = value(config, key);
                Duration duration;
                try {
                    duration = parseDuration(raw);
                } catch (IllegalArgumentException e) {
                    throw invalid(key, raw.strip(), e.getMessage());
                }
                if (positive && duration.isZero()) {
                    throw invalid(key, raw.strip(), "more than zero, such as " + defaultOf(key));
                }
                if (!duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
                    throw invalid(key, raw.strip(), "0s, or at least 1ms: the timers count in milliseconds");
                }
                if (duration.compareTo(MAX_DURATION) > 0) {
                    throw invalid(key, raw.strip(), "at most 365d");
                }
                return duration;
            }, fallback);
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

    /** {@code aiob.token-store}'s value for no store: this JVM keeps its token to itself. */
    public static final String LOCAL_STORE = "local";

    /**
     * Where servers share their token.
     *
     * @param name         {@link #LOCAL_STORE}, or a {@code TokenStoreFactory}'s name
     * @param timeout      the longest one store operation may take
     * @param openTimeout  how long a fetch waits for the store to open
     * @param lease        how long a lease lasts when its holder vanished
     * @param pollInterval how often the store is read besides its notifications; zero for never
     */
    public record Store(String name, Duration timeout, Duration openTimeout, Duration lease, Duration pollInterval) {

        /** Returns whether servers share nothing: this JVM alone. */
        public boolean local() {
            return name.equals(LOCAL_STORE);
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
