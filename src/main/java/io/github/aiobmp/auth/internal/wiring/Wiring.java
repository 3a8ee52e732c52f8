package io.github.aiobmp.auth.internal.wiring;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenStoreState;
import io.github.aiobmp.auth.internal.cache.RejectionArbiter;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.destination.DestinationMisses;
import io.github.aiobmp.auth.internal.gettoken.AiobTokenClient;
import io.github.aiobmp.auth.internal.gettoken.AttemptTimeout;
import io.github.aiobmp.auth.internal.gettoken.RetriedTokenSource;
import io.github.aiobmp.auth.internal.gettoken.TokenEndpoint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.share.Sharing;
import io.github.aiobmp.auth.internal.share.TokenSharing;

/**
 * Everything the token holder is made of, built together once from valid settings: the token
 * cache, the getToken client behind it, the credentials watch, and what the filter needs to decide
 * where a token goes. {@code AiobTokenProvider} is the CDI face of it.
 */
public final class Wiring implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Wiring.class.getName());

    private final AiobSettings settings;
    private final TokenCache cache;
    private final DestinationMisses misses;
    private final CredentialsWatch credentialsWatch;
    private final TokenSharing sharing;
    private final Executor executor;
    private final Closeable client;

    /**
     * Builds the getToken client against {@code aiob.url}, and everything behind it.
     *
     * @param retried   runs one getToken attempt source under the Fault Tolerance policy
     *                  (TokenFetcher): the retries happen there
     * @param executor  runs fetches and the prefetch
     * @param scheduler runs the cache's timers and the credentials check
     */
    public static Wiring of(AiobSettings settings, Config config, Function<TokenSource, TokenGrant> retried,
            Executor executor, Scheduler scheduler, TokenEvents events) {
        URI url = settings.url();
        long timeoutMillis = AttemptTimeout.millis(config);
        AiobTokenClient client = RestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build(AiobTokenClient.class);
        CredentialsWatch watch = new CredentialsWatch(config);
        TokenEndpoint endpoint = new TokenEndpoint(client, watch::credentialsForNextRequest, url, events);
        TokenSource getToken = new RetriedTokenSource(retried, endpoint, timeoutMillis, events);
        if (settings.store().local()) {
            return new Wiring(settings, getToken, null, watch, executor, scheduler, events, (Closeable) client);
        }
        TokenSharing sharing = Sharing.open(settings, config, getToken, executor, scheduler, Clock.systemUTC(),
                events);
        return new Wiring(settings, sharing, sharing, watch, executor, scheduler, events, () -> {
            sharing.close();
            ((Closeable) client).close();
        });
    }

    /**
     * Builds the cache on {@code source} instead of AIOB's getToken: for tests and benchmarks.
     * Credentials are not watched.
     */
    public static Wiring of(AiobSettings settings, TokenSource source, Executor executor, Scheduler scheduler,
            TokenEvents events) {
        return new Wiring(settings, source, null, null, executor, scheduler, events, () -> { });
    }

    /**
     * Builds the cache on {@code sharing} (a token store) over {@code getToken}'s stand-in, for
     * tests of the shared protocol. Credentials are not watched.
     */
    public static Wiring shared(AiobSettings settings, TokenSharing sharing, Executor executor, Scheduler scheduler,
            TokenEvents events) {
        return new Wiring(settings, sharing, sharing, null, executor, scheduler, events, sharing::close);
    }

    private Wiring(AiobSettings settings, TokenSource source, TokenSharing sharing, CredentialsWatch watch,
            Executor executor, Scheduler scheduler, TokenEvents events, Closeable client) {
        this.settings = settings;
        this.executor = executor;
        this.client = client;
        this.misses = new DestinationMisses(settings.destinations().describe());
        this.cache = new TokenCache(source, settings.cachePolicy(), executor, scheduler, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), events,
                sharing == null ? RejectionArbiter.LOCAL : sharing);
        this.sharing = sharing;
        if (sharing != null) {
            sharing.watch(cache, executor);
        }
        this.credentialsWatch = watch;
        if (watch != null) {
            watch.start(cache, scheduler, settings.credentialsCheckInterval());
        }
    }

    /** Where the token is shared, and whether the store answers. */
    public TokenStoreState storeState() {
        if (sharing == null) {
            return TokenStoreState.LOCAL;
        }
        if (sharing.storeYielding()) {
            return TokenStoreState.YIELDING;
        }
        return sharing.storeConnected() ? TokenStoreState.CONNECTED : TokenStoreState.DEGRADED;
    }

    /**
     * Returns the cache's token, unless this server yields to the other side of a split cluster.
     *
     * @throws io.github.aiobmp.auth.AiobClusterSplitException while it yields
     */
    public String token() {
        if (sharing != null) {
            sharing.refuseWhileYielding();
        }
        return cache.token();
    }

    /** {@return this server's name in the token store's leases and grants; empty without a store} */
    public Optional<String> serverInStore() {
        return sharing == null ? Optional.empty() : Optional.of(sharing.server());
    }

    public AiobSettings settings() {
        return settings;
    }

    public TokenCache cache() {
        return cache;
    }

    public DestinationMisses misses() {
        return misses;
    }

    /** Fetches a token on the executor; a failure is logged and remembered by the cache. */
    public void prefetch() {
        executor.execute(() -> {
            try {
                cache.token();
            } catch (AiobException e) {
                LOG.log(Level.FINE, "The prefetch failed; the cache has logged why", e);
            }
        });
    }

    /** Stops the timers and the credentials watch, and frees the getToken client's connections. */
    @Override
    public void close() {
        if (credentialsWatch != null) {
            credentialsWatch.stop();
        }
        cache.close();
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the getToken client failed", e);
        }
    }
}
