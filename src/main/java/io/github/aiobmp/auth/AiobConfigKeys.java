package io.github.aiobmp.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every MicroProfile Config key of the component, each with its meaning and default: the one
 * place that names them. Set them in any config source; as environment variables they are upper
 * case with dots and dashes as underscores ({@code aiob.token.max-wait} is
 * {@code AIOB_TOKEN_MAX_WAIT}). A duration carries its unit: {@code 300ms}, {@code 10s},
 * {@code 5m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT5M}; a bare number is refused.
 *
 * <p>The defaults ({@link #defaultOf}) are served by a config source ranked below every other, so
 * that {@code ${aiob.url}} in a rest client's URL resolves to the default when nothing sets it,
 * and anything a deployment sets wins.
 */
public final class AiobConfigKeys {

    /**
     * AIOB's base URL, an absolute {@code http} or {@code https} URL (trailing slashes are
     * dropped): getToken is {@code <url>/api/v2/getToken}, and its scheme, host and port are where
     * tokens may go. Plain {@code http} only to a loopback host, or with {@link #ALLOW_PLAIN_HTTP}.
     *
     */
    public static final String URL = "aiob.url";
    /** The Access Key, created in AIOB's console under 系统管理 → API配置. */
    public static final String ACCESS_KEY = "aiob.access-key";
    /** The Secret Key that goes with {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "aiob.secret-key";
    /** How long before AIOB's expiry a refresh starts; capped at half the token's lifetime. */
    public static final String REFRESH_AHEAD = "aiob.token.refresh-ahead";
    /** The most by which the start of a refresh is randomly delayed; capped at half the refresh-ahead window. */
    public static final String REFRESH_JITTER = "aiob.token.refresh-jitter";
    /** How long before AIOB's expiry a token is no longer sent (clock skew); capped at a quarter of the lifetime. */
    public static final String EXPIRY_MARGIN = "aiob.token.expiry-margin";
    /** The longest a caller waits for a token (getToken's retries included); more than zero. */
    public static final String MAX_WAIT = "aiob.token.max-wait";
    /** The first wait after a failed getToken; it doubles with each further failure (with jitter). */
    public static final String FAILURE_BACKOFF_INITIAL = "aiob.token.failure-backoff-initial";
    /** The longest wait between getToken attempts after failures; at least {@link #FAILURE_BACKOFF_INITIAL}. */
    public static final String FAILURE_BACKOFF_MAX = "aiob.token.failure-backoff-max";
    /** The least time between two refreshes forced by AIOB rejecting the current token; {@code 0s} for no limit. */
    public static final String REAUTH_MIN_INTERVAL = "aiob.token.reauth-min-interval";
    /**
     * How many rejections of young tokens (see {@link #CONTENTION_TOKEN_AGE}) within
     * {@link #CONTENTION_WINDOW} mean that another fetcher uses the same Access Key; {@code 0} turns
     * the detection off.
     */
    public static final String CONTENTION_REJECTIONS = "aiob.token.contention.rejections";
    /** A rejected token counts towards contention when this server took it into use less than this ago. */
    public static final String CONTENTION_TOKEN_AGE = "aiob.token.contention.token-age";
    /** The rejections must fall within this; the contention ends once none came for this long. */
    public static final String CONTENTION_WINDOW = "aiob.token.contention.window";
    /**
     * The longest wait between two refreshes forced by rejections during contention: the wait doubles
     * from {@link #REAUTH_MIN_INTERVAL} up to this, with jitter; at least {@link #REAUTH_MIN_INTERVAL}.
     */
    public static final String CONTENTION_BACKOFF_MAX = "aiob.token.contention.backoff-max";
    /**
     * The {@code code}s of an HTTP 200 body by which AIOB says it rejected the token,
     * comma-separated; HTTP 401 always counts.
     */
    public static final String REJECTION_CODES = "aiob.token.rejection-codes";
    /** Fetch a token in the background as the application starts: {@code true} or {@code false}. */
    public static final String PREFETCH = "aiob.token.prefetch";
    /** Hosts besides {@link #URL}'s that may receive the token: {@code host} or {@code host:port}, comma-separated. */
    public static final String ALLOWED_HOSTS = "aiob.allowed-hosts";
    /** Allow credentials and tokens over plain HTTP to hosts that are not loopback: {@code true} or {@code false}. */
    public static final String ALLOW_PLAIN_HTTP = "aiob.allow-plain-http";
    /** How often the credentials are re-read, so that rotated keys replace the token; {@code 0s} turns it off. */
    public static final String CREDENTIALS_CHECK_INTERVAL = "aiob.credentials.check-interval";

    /**
     * Where servers share their token: {@code local} (this JVM only, no store), or the name of a
     * store module's {@code TokenStoreFactory}, such as {@code jcache} (the {@code cluster} jar).
     */
    public static final String TOKEN_STORE = "aiob.token-store";
    /** The longest one operation of the token store may take; past it the server fetches on its own. */
    public static final String TOKEN_STORE_TIMEOUT = "aiob.token-store.timeout";
    /**
     * How long after the application starts its fetches wait for the token store to open (an
     * embedded cache member starting, a client connecting); past it the server fetches on its own
     * until the store is open.
     */
    public static final String TOKEN_STORE_OPEN_TIMEOUT = "aiob.token-store.open-timeout";
    /**
     * How long the lease to call getToken lasts after it was taken or last renewed: its holder
     * renews it every quarter of this while getToken runs, so it bounds how long the other servers
     * wait when the holder stopped; at least six times {@link #TOKEN_STORE_TIMEOUT}, and four thirds
     * of getToken's attempt timeout plus that timeout.
     */
    public static final String TOKEN_STORE_LEASE = "aiob.token-store.lease";
    /**
     * How often the token store is read for another server's newer token, besides its change
     * notifications; {@code 0s} for never.
     */
    public static final String TOKEN_STORE_POLL_INTERVAL = "aiob.token-store.poll-interval";
    /**
     * The JCache {@code CachingProvider} class, e.g.
     * {@code com.hazelcast.cache.HazelcastMemberCachingProvider}; unset, the only one on the class path.
     */
    public static final String JCACHE_PROVIDER = "aiob.token-store.jcache.provider";
    /**
     * The JCache configuration URI handed to the provider, e.g. {@code classpath:hazelcast.xml};
     * unset, the provider's default.
     */
    public static final String JCACHE_URI = "aiob.token-store.jcache.uri";
    /** The JCache cache that holds the shared grants. */
    public static final String JCACHE_GRANTS_CACHE = "aiob.token-store.jcache.grants-cache";
    /** The JCache cache that holds the leases; its entries expire {@link #TOKEN_STORE_LEASE} after each update. */
    public static final String JCACHE_LEASES_CACHE = "aiob.token-store.jcache.leases-cache";

    /** The defaults, written as a deployment would write them. Keys without a default are absent. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(URL, "https://aiob-open.baidu.com"),
            Map.entry(REFRESH_AHEAD, "5m"),
            Map.entry(REFRESH_JITTER, "1m"),
            Map.entry(EXPIRY_MARGIN, "1m"),
            Map.entry(MAX_WAIT, "10s"),
            Map.entry(FAILURE_BACKOFF_INITIAL, "1s"),
            Map.entry(FAILURE_BACKOFF_MAX, "1m"),
            Map.entry(REAUTH_MIN_INTERVAL, "1s"),
            Map.entry(CONTENTION_REJECTIONS, "2"),
            Map.entry(CONTENTION_TOKEN_AGE, "1m"),
            Map.entry(CONTENTION_WINDOW, "2m"),
            Map.entry(CONTENTION_BACKOFF_MAX, "1m"),
            Map.entry(REJECTION_CODES, "401"),
            Map.entry(PREFETCH, "false"),
            Map.entry(ALLOW_PLAIN_HTTP, "false"),
            Map.entry(CREDENTIALS_CHECK_INTERVAL, "5s"),
            Map.entry(TOKEN_STORE, "local"),
            Map.entry(TOKEN_STORE_TIMEOUT, "500ms"),
            Map.entry(TOKEN_STORE_OPEN_TIMEOUT, "60s"),
            Map.entry(TOKEN_STORE_LEASE, "5s"),
            Map.entry(TOKEN_STORE_POLL_INTERVAL, "30s"),
            Map.entry(JCACHE_GRANTS_CACHE, "aiob-token-grants"),
            Map.entry(JCACHE_LEASES_CACHE, "aiob-token-leases"));

    private AiobConfigKeys() {
    }

    /** Every key above. */
    private static final Set<String> ALL = Set.of(URL, ACCESS_KEY, SECRET_KEY, REFRESH_AHEAD, REFRESH_JITTER,
            EXPIRY_MARGIN, MAX_WAIT, FAILURE_BACKOFF_INITIAL, FAILURE_BACKOFF_MAX, REAUTH_MIN_INTERVAL,
            CONTENTION_REJECTIONS, CONTENTION_TOKEN_AGE, CONTENTION_WINDOW, CONTENTION_BACKOFF_MAX, REJECTION_CODES, PREFETCH, ALLOWED_HOSTS, ALLOW_PLAIN_HTTP, CREDENTIALS_CHECK_INTERVAL, TOKEN_STORE,
            TOKEN_STORE_TIMEOUT, TOKEN_STORE_OPEN_TIMEOUT, TOKEN_STORE_LEASE, TOKEN_STORE_POLL_INTERVAL,
            JCACHE_PROVIDER, JCACHE_URI, JCACHE_GRANTS_CACHE, JCACHE_LEASES_CACHE);

    /** {@return every key of the component} */
    public static Set<String> all() {
        return ALL;
    }

    /** {@return every key that has a default, with it} */
    public static Map<String, String> defaults() {
        return DEFAULTS;
    }

    /**
     * @param key one of this class's keys
     * @return its default, or null when it has none
     */
    public static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }

    /**
     * @param key a configuration key
     * @return the environment variable that sets it, e.g. {@code AIOB_TOKEN_MAX_WAIT}
     */
    public static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * @param key a configuration key
     * @return {@code key (environment variable KEY)}, the way messages tell users what to set
     */
    public static String describe(String key) {
        return key + " (environment variable " + environmentVariable(key) + ")";
    }
}
