package io.github.aiobmp.auth;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The application's AIOB token holder: inject it to get a token, or let {@link AiobAuthFilter}
 * attach one to your rest client's requests.
 *
 * <p>Settings are read on first use, so a server with missing or invalid settings still starts;
 * the calls that need a token fail with an {@link AiobConfigurationException} naming the key.
 */
@ApplicationScoped
public class AiobTokenProvider {

    private static final Logger LOG = Logger.getLogger(AiobTokenProvider.class.getName());

    @Inject
    Config config;

    /** Fetches run here, so a caller's wait stays bounded while a slow fetch goes on. */
    @Resource
    ManagedExecutorService executor;

    /** Refresh and retry timers and the credentials check; they stop with the application. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TokenFetcher fetcher;

    /** An application's TokenEvents bean (e.g. the metrics module's), if it has one. */
    @Inject
    Instance<TokenEvents> events;

    /** Built on first use from valid settings; null until then. */
    private volatile Wiring wiring;

    /**
     * Returns a usable token, fetching one when none is cached (at most one fetch runs at a time;
     * concurrent callers share it and wait at most {@code aiob.token.max-wait}).
     *
     * @throws AiobException typed by cause: configuration, rejected credentials, unavailable, bad answer
     */
    public String token() {
        return wiring().cache.token();
    }

    /** Returns the cached token's status; never fetches. */
    public TokenStatus status() {
        Wiring built = wiring;
        return built == null ? TokenStatus.NONE : built.cache.status();
    }

    /**
     * Drops {@code token} if it is still the cached one, because AIOB rejected it, so the next call
     * fetches a new one; at most once per {@code aiob.token.reauth-min-interval}.
     *
     * @return what became of the token
     */
    public TokenInvalidation invalidate(String token) {
        Wiring built = wiring;
        return built == null ? TokenInvalidation.ALREADY_REPLACED : built.cache.invalidate(token);
    }

    /**
     * Drops the cached token and forgets any failure, so that the next call fetches a token at
     * once; e.g. after fixing credentials in a config source that is not re-read.
     */
    public void reset() {
        Wiring built = wiring;
        if (built != null) {
            built.cache.reset();
        }
    }

    /** Returns whether the token goes with a request to {@code uri}: aiob.url's scheme, host and port, or an allowed host. */
    public boolean isAiobDestination(URI uri) {
        return verdict(uri) == TokenDestinations.Verdict.ATTACH;
    }

    TokenDestinations.Verdict verdict(URI uri) {
        return wiring().settings.destinations().verdict(uri);
    }

    /** Says, once per client and origin, that a request to {@code uri} from {@code client} got no token. */
    void noTokenFor(String client, String method, URI uri) {
        wiring().misses.noTokenFor(client, method, uri);
    }

    Set<Integer> rejectionCodes() {
        return wiring().settings.rejectionCodes();
    }

    /**
     * Gets the token a call AIOB rejected is resent with: the current one, or the one the single
     * flight fetches (waiting at most {@code aiob.token.max-wait}), whoever dropped the
     * rejected one.
     *
     * @throws AiobTokenRejectedException {@code rejected}, when it was rate-limited, or when
     *                                    getToken answered with the rejected token again
     * @throws AiobException              the fetch's own failure, when no new token could be had
     */
    void replaceRejected(AiobTokenRejectedException rejected) {
        if (!rejected.outcome().resendMayHelp()) {
            throw rejected;
        }
        String next = token();
        if (Fingerprint.of(next).equals(rejected.tokenFingerprint())) {
            throw new AiobTokenRejectedException(rejected.getMessage() + "; getToken then answered with that same"
                    + " token, so the call was not resent", rejected.tokenFingerprint(), rejected.httpStatus(),
                    rejected.code(), rejected.aiobMessage(), rejected.outcome());
        }
    }

    /**
     * Says at startup what is configured (AIOB's origin, the access key's fingerprint) or what is
     * wrong with it, and starts the prefetch if {@code aiob.token.prefetch} asks for one. Never
     * fails the application: calls that need a token report the problem again.
     */
    void started(@Observes Startup startup) {
        Wiring built;
        String accessKey;
        try {
            built = wiring();
            accessKey = Fingerprint.of(AiobSettings.credentials(config).accessKey());
        } catch (AiobConfigurationException e) {
            LOG.log(Level.SEVERE, "The AIOB token component is not usable: {0}. Calls that need a token fail until"
                    + " this is fixed", e.getMessage());
            return;
        }
        LOG.log(Level.INFO, "AIOB token component for {0}, access key {1}{2}", new Object[] {built.settings.url(),
                accessKey, built.settings.prefetch() ? "; fetching a token in the background" : ""});
        if (built.settings.prefetch()) {
            built.prefetch();
        }
    }

    /**
     * Returns {@code aiob.url}, which holds no secret (user info is refused); for status pages.
     *
     * @throws AiobConfigurationException when the settings are invalid
     */
    public URI url() {
        return wiring().settings.url();
    }

    /** Releases the getToken client when the application stops. */
    @PreDestroy
    void close() {
        Wiring built = wiring;
        if (built != null) {
            built.close();
        }
    }

    private Wiring wiring() {
        Wiring built = wiring;
        if (built == null) {
            synchronized (this) {
                built = wiring;
                if (built == null) {
                    built = new Wiring(AiobSettings.from(config));
                    wiring = built;
                }
            }
        }
        return built;
    }

    /** Everything derived from the settings, built together once. */
    private final class Wiring {

        final AiobSettings settings;
        final TokenCache cache;
        final DestinationMisses misses;
        private final AiobTokenClient client;
        private final long timeoutMillis;
        private final Future<?> credentialsCheck;
        /** The credentials of the latest getToken call, to notice when they are rotated. */
        private volatile AiobSettings.Credentials lastUsed;

        Wiring(AiobSettings settings) {
            this.settings = settings;
            this.misses = new DestinationMisses(settings.destinations().describe());
            URI url = settings.url();
            this.timeoutMillis = tokenRequestTimeoutMillis();
            this.client = RestClientBuilder.newBuilder()
                    .baseUri(url)
                    .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    .build(AiobTokenClient.class);
            TokenEndpoint endpoint = new TokenEndpoint(client, this::credentials, url);
            TokenSource source = () -> fetchGuarded(endpoint);
            this.cache = new TokenCache(source, settings.cachePolicy(), executor,
                    (task, delay) -> scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS),
                    Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(),
                    events.isResolvable() ? events.get() : TokenEvents.NONE);
            long every = settings.credentialsCheckInterval().toMillis();
            this.credentialsCheck = every == 0 ? null
                    : scheduler.scheduleWithFixedDelay(this::checkCredentials, every, every, TimeUnit.MILLISECONDS);
        }

        /** Fetches a token on the managed executor; a failure is logged and remembered by the cache. */
        void prefetch() {
            executor.execute(() -> {
                try {
                    cache.token();
                } catch (AiobException e) {
                    LOG.log(Level.FINE, "The prefetch failed; the cache has logged why", e);
                }
            });
        }

        /** Rest client proxies are Closeable (MicroProfile Rest Client spec); closing frees their connections. */
        void close() {
            if (credentialsCheck != null) {
                credentialsCheck.cancel(false);
            }
            cache.close();
            try {
                ((Closeable) client).close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the getToken client failed", e);
            }
        }

        private AiobSettings.Credentials credentials() {
            AiobSettings.Credentials current = AiobSettings.credentials(config);
            lastUsed = current;
            return current;
        }

        /**
         * Drops the token and any remembered failure once the configured credentials differ from
         * those of the last getToken call, so that the next call authenticates with the new ones.
         */
        private void checkCredentials() {
            AiobSettings.Credentials used = lastUsed;
            if (used == null) {
                return;
            }
            AiobSettings.Credentials configured;
            try {
                configured = AiobSettings.credentials(config);
            } catch (AiobConfigurationException e) {
                return; // removed: keep the token; the next getToken reports the missing keys
            }
            if (!configured.equals(used)) {
                lastUsed = null;
                cache.reset();
                LOG.log(Level.WARNING, "The AIOB credentials changed (access key {0} to {1}): dropped the token of"
                        + " the old ones; the next call authenticates with the new ones",
                        new Object[] {Fingerprint.of(used.accessKey()), Fingerprint.of(configured.accessKey())});
            }
        }

        private TokenGrant fetchGuarded(TokenEndpoint endpoint) {
            try {
                return fetcher.fetch(endpoint);
            } catch (TimeoutException e) {
                throw new AiobUnavailableException("AIOB's getToken did not answer within " + timeoutMillis
                        + " ms (" + TokenFetcher.TIMEOUT_KEY + ")");
            }
        }

        /**
         * The Fault Tolerance timeout of a getToken attempt, from MicroProfile's own override keys:
         * a blocking read is only really cut off by the socket timeouts, so they follow it.
         */
        private long tokenRequestTimeoutMillis() {
            return config.getOptionalValue(TokenFetcher.TIMEOUT_KEY, Long.class)
                    .or(() -> config.getOptionalValue("Timeout/value", Long.class))
                    .orElse(TokenFetcher.TIMEOUT_MILLIS);
        }
    }
}
