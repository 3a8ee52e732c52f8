package io.github.aiobmp.auth.internal.share;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.gettoken.AttemptTimeout;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.spi.TokenStoreFactory;

/** Opens the token store {@code aiob.token-store} names, and the sharing on top of it. */
public final class Sharing {

    /** While the store is degraded, how often it is tried again. */
    static final Duration RETRY_DEGRADED_EVERY = Duration.ofSeconds(5);

    private Sharing() {
    }

    /**
     * Finds the store's module, checks the lease against its renewals and getToken's attempts, starts opening the
     * store in the background, and shares {@code getToken}'s tokens through it.
     *
     * @throws AiobConfigurationException when no module of that name is on the class path, or the
     *                                    lease is too short for its renewals
     */
    public static TokenSharing open(AiobSettings settings, Config config, TokenSource getToken, Executor executor,
            Scheduler scheduler, Clock clock, TokenEvents events) {
        AiobSettings.Store store = settings.store();
        checkLease(store.lease(), store.timeout(), Duration.ofMillis(AttemptTimeout.millis(config)));
        TokenStoreFactory factory = factory(store.name());
        BoundedTokenStore bounded = new BoundedTokenStore(() -> factory.open(config, store.lease()), executor,
                store.timeout(), store.openTimeout(), RETRY_DEGRADED_EVERY, clock, events);
        bounded.open();
        return new TokenSharing(bounded, getToken, settings, () -> AiobSettings.credentials(config), scheduler, clock,
                events);
    }

    /**
     * The lease is renewed every quarter of its time, each renewal one store operation bounded by
     * the store's timeout (T) after a read of T. A renewal that failed, then one that took the whole
     * timeout, must still land within the lease: {@code 3T + lease / 2 <= lease}, so the lease is at
     * least 6T. A holder that stopped just before a renewal landed was renewed last up to a quarter
     * lease and T earlier, and the attempt it had sent must end (its read timeout is the attempt
     * timeout A) before its lease does, so that no two servers' getToken attempts overlap:
     * {@code lease / 4 + T + A <= lease}, so the lease is at least 4/3 of A + T.
     */
    private static void checkLease(Duration lease, Duration storeTimeout, Duration attempt) {
        Duration forRenewals = storeTimeout.multipliedBy(6);
        Duration forAttempts = attempt.plus(storeTimeout).multipliedBy(4).dividedBy(3);
        if (lease.compareTo(forRenewals) < 0) {
            throw new AiobConfigurationException("Invalid " + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE_LEASE)
                    + ": " + lease.toMillis() + " ms is shorter than six times " + AiobConfigKeys.TOKEN_STORE_TIMEOUT
                    + " (" + forRenewals.toMillis() + " ms): the lease's holder renews it every quarter of its time"
                    + " while getToken runs, and a renewal that failed and the next may each take that timeout");
        }
        if (lease.compareTo(forAttempts) < 0) {
            throw new AiobConfigurationException("Invalid " + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE_LEASE)
                    + ": " + lease.toMillis() + " ms is shorter than four thirds of getToken's attempt timeout ("
                    + AttemptTimeout.KEY + ") plus " + AiobConfigKeys.TOKEN_STORE_TIMEOUT + " ("
                    + forAttempts.toMillis() + " ms): the attempt of a holder that stopped just after renewing its"
                    + " lease must end before the lease does, or two servers' getTokens could overlap");
        }
    }

    private static TokenStoreFactory factory(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Sharing.class.getClassLoader();
        List<String> known = new ArrayList<>();
        Iterator<TokenStoreFactory> factories = ServiceLoader.load(TokenStoreFactory.class, loader).iterator();
        while (true) {
            TokenStoreFactory factory;
            try {
                if (!factories.hasNext()) {
                    break;
                }
                factory = factories.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A store module whose own dependencies are missing, e.g. the cluster jar without cache-api.
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new AiobConfigurationException("Invalid " + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE)
                        + ": '" + name + "': a token store module on the class path cannot be loaded ("
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "). For jcache, add"
                        + " javax.cache:cache-api and a JCache provider beside the cluster jar", e);
            }
            if (factory.name().equals(name)) {
                return factory;
            }
            known.add(factory.name());
        }
        throw new AiobConfigurationException("Invalid " + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE) + ": '"
                + name + "': no token store module of that name is on the class path (found: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "). For jcache, add the cluster jar"
                + " (io.github.aiobmp:aiob-mp, classifier cluster), javax.cache:cache-api and a JCache provider");
    }
}
