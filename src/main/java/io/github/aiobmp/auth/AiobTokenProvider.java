package io.github.aiobmp.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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

import io.github.aiobmp.auth.internal.destination.TokenDestinations;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.wiring.Wiring;

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

    /** getToken attempts under Fault Tolerance. */
    @Inject
    TokenFetcher fetcher;

    /** An application's TokenEvents bean (e.g. the metrics module's), if it has one. */
    @Inject
    Instance<TokenEvents> events;

    /** Built on first use from valid settings; null until then. */
    private volatile Wiring wiring;

    /** For CDI. */
    public AiobTokenProvider() {
    }

    /** Outside CDI, already wired: for tests. */
    AiobTokenProvider(Wiring wiring) {
        this.wiring = wiring;
    }

    /**
     * Returns a usable token, fetching one when none is cached (at most one fetch runs at a time;
     * concurrent callers share it and wait at most {@code aiob.token.max-wait}).
     *
     * @return the raw token, as it goes into the {@code Authorization} header
     * @throws AiobException typed by cause: configuration, rejected credentials, unavailable (among them
     *                       {@link AiobClusterSplitException}, on the side of a split cluster without
     *                       quorum), bad answer
     */
    public String token() {
        return wiring().token();
    }

    /** {@return the cached token's status; never fetches} */
    public TokenStatus status() {
        Wiring built = wiring;
        return built == null ? TokenStatus.NONE : built.cache().status();
    }

    /**
     * {@return where the token is shared ({@code aiob.token-store}) and whether that store answers;
     * never fetches}
     *
     * @throws AiobConfigurationException when the settings are invalid
     */
    public TokenStoreState tokenStoreState() {
        return wiring().storeState();
    }

    /**
     * {@return since when AIOB keeps rejecting tokens soon after this server took them, which means
     * that another fetcher uses the same Access Key (see {@code aiob.token.contention.*}); empty when
     * it does not; never fetches}
     */
    public Optional<Instant> contentionSince() {
        Wiring built = wiring;
        return built == null ? Optional.empty() : built.cache().contentionSince();
    }

    /**
     * Drops {@code token} if it is still the cached one, because AIOB rejected it, so the next call
     * fetches a new one; at most once per {@code aiob.token.reauth-min-interval}.
     *
     * @param token the token AIOB rejected
     * @return what became of the token
     */
    public TokenInvalidation invalidate(String token) {
        Wiring built = wiring;
        return built == null ? TokenInvalidation.ALREADY_REPLACED : built.cache().invalidate(token);
    }

    /**
     * Drops the cached token and forgets any failure, so that the next call fetches a token at
     * once; e.g. after fixing credentials in a config source that is not re-read.
     */
    public void reset() {
        Wiring built = wiring;
        if (built != null) {
            built.cache().reset();
        }
    }

    /**
     * @param uri where a request goes
     * @return whether the filter attaches the token to it: {@code aiob.url}'s origin, or an allowed host
     */
    public boolean isAiobDestination(URI uri) {
        return verdict(uri) == TokenDestinations.Verdict.ATTACH;
    }

    /**
     * Returns {@code aiob.url}, which holds no secret (user info is refused); for status pages.
     *
     * @return AIOB's base URL
     * @throws AiobConfigurationException when the settings are invalid
     */
    public URI url() {
        return wiring().settings().url();
    }

    TokenDestinations.Verdict verdict(URI uri) {
        return wiring().settings().destinations().verdict(uri);
    }

    Set<Integer> rejectionCodes() {
        return wiring().settings().rejectionCodes();
    }

    /** Says, once per client and origin, that a request to {@code uri} from {@code client} got no token. */
    void noTokenFor(String client, String call, URI uri) {
        wiring().misses().noTokenFor(client, call, uri);
    }

    /**
     * Gets the token a call AIOB rejected is resent with: the current one, or the one the single
     * flight fetches (waiting at most {@code aiob.token.max-wait}), whoever dropped the rejected one.
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
     * wrong with it, and which settings it does not know, and starts the prefetch if {@code aiob.token.prefetch} asks for one. Never
     * fails the application: calls that need a token report the problem again.
     */
    void started(@Observes Startup startup) {
        for (String unknown : AiobSettings.unknownSettings(config)) {
            LOG.log(Level.WARNING, "{0}", unknown);
        }
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
        boolean prefetch = built.settings().prefetch();
        String store = built.serverInStore().map(server -> "; sharing the token through the '"
                + built.settings().store().name() + "' token store as server " + server).orElse("");
        LOG.log(Level.INFO, "AIOB token component for {0}, access key {1}{2}{3}", new Object[] {built.settings().url(),
                accessKey, store, prefetch ? "; fetching a token in the background" : ""});
        if (prefetch) {
            built.prefetch();
        }
    }

    /** Stops the timers and releases the getToken client when the application stops. */
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
                    built = Wiring.of(AiobSettings.from(config), config, fetcher::fetch, executor,
                            (task, delay) -> scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS),
                            events.isResolvable() ? events.get() : TokenEvents.NONE);
                    wiring = built;
                }
            }
        }
        return built;
    }
}
