package io.github.aiobmp.auth;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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

    @Inject
    TokenFetcher fetcher;

    /** Built on first use from valid settings; null until then. */
    private volatile Wiring wiring;

    /**
     * Returns a usable token, fetching one when none is cached (at most one fetch runs at a time;
     * concurrent callers share it and wait at most {@code aiob.token.max-wait-millis}).
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
     * Drops {@code token} if it is still the cached one (e.g. after AIOB rejected it), so the next
     * call fetches a new one.
     *
     * @return whether it was dropped
     */
    public boolean invalidate(String token) {
        Wiring built = wiring;
        return built != null && built.cache.invalidate(token);
    }

    /** Returns whether a request to {@code uri} goes to the configured AIOB scheme, host and port. */
    public boolean isAiobDestination(URI uri) {
        return wiring().destination.matches(uri);
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

        final AiobDestination destination;
        final TokenCache cache;
        private final AiobTokenClient client;
        private final long timeoutMillis;

        Wiring(AiobSettings settings) {
            URI url = settings.url();
            this.timeoutMillis = tokenRequestTimeoutMillis();
            this.client = RestClientBuilder.newBuilder()
                    .baseUri(url)
                    .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    .build(AiobTokenClient.class);
            TokenEndpoint endpoint = new TokenEndpoint(client, () -> AiobSettings.credentials(config), url);
            TokenSource source = () -> fetchGuarded(endpoint);
            this.destination = AiobDestination.of(url);
            this.cache = new TokenCache(source, settings.refreshPolicy(), settings.maxWait(), executor,
                    Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        }

        /** Rest client proxies are Closeable (MicroProfile Rest Client spec); closing frees their connections. */
        void close() {
            try {
                ((Closeable) client).close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the getToken client failed", e);
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
