package io.github.aiobmp.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenStatus;
import io.github.aiobmp.auth.TokenStoreState;

/**
 * The token holder's MicroProfile Metrics, in the application registry (Prometheus names in
 * brackets):
 *
 * <ul>
 *   <li>{@value #GET_TOKEN_REQUESTS} ({@code aiob_token_gettoken_requests_total}): getToken requests
 *       this server sent, every attempt of Fault Tolerance's retries included: what AIOB counts;</li>
 *   <li>{@value #FETCHES}, tagged {@code outcome} ({@code aiob_token_fetches_total}): getToken
 *       fetches of this server's (retries included) by outcome: success, credentials_rejected,
 *       unavailable, bad_response, configuration; a token taken from the token store is none;</li>
 *   <li>{@value #FETCH_TIME} ({@code aiob_token_fetch_duration_seconds}): how long fetches took,
 *       Fault Tolerance's retries included;</li>
 *   <li>{@value #EXPIRES_IN} ({@code aiob_token_expires_in_seconds}): seconds until AIOB's expiry of
 *       the cached token, 0 without one;</li>
 *   <li>{@value #REAUTHENTICATIONS} ({@code aiob_token_reauthentications_total}): tokens dropped
 *       because AIOB rejected them;</li>
 *   <li>{@value #WAITING_CALLERS} ({@code aiob_token_waiting_callers_total}): calls that found no
 *       usable token and waited for a fetch;</li>
 *   <li>{@value #CONTENTIONS} ({@code aiob_token_contentions_total}): episodes in which AIOB kept
 *       rejecting tokens soon after this server took them (another fetcher of the same key), and
 *       {@value #CONTENTION} ({@code aiob_token_contention}): 1 while such an episode lasts, else 0;</li>
 *   <li>with a token store ({@code aiob.token-store} other than {@code local}):
 *       {@value #STORE_OPERATIONS}, tagged {@code outcome} ({@code aiob_token_store_operations_total}):
 *       the store's operations by outcome: answered, timed_out, failed, no_quorum (refused: the
 *       cluster is split and this server on the side without quorum); {@value #STORE_FALLBACKS}
 *       ({@code aiob_token_store_fallbacks_total}): fetches made without the store, which did not
 *       answer; {@value #ADOPTIONS} ({@code aiob_token_adoptions_total}): tokens taken from the store,
 *       which another server obtained; {@value #LEASES}, tagged {@code outcome}
 *       ({@code aiob_token_store_leases_total}): won, lost (another server held it), expired (ended
 *       without a token); and {@value #RECONCILIATIONS}, tagged {@code outcome}
 *       ({@code aiob_token_store_reconciliations_total}): this server's token and the store's
 *       differed outside a fetch, and the newer won: adopted (the store's), published (this
 *       server's).</li>
 * </ul>
 *
 * <p>Every metric is tagged {@code application} with the application's name: Liberty keeps one
 * application registry for all applications of a server, and two applications using the component
 * must not count into each other's metrics. Metrics never break the application: if registering
 * fails, they are off and a WARNING says why.
 */
@ApplicationScoped
public class AiobTokenMetrics implements TokenEvents {

    private static final Logger LOG = Logger.getLogger(AiobTokenMetrics.class.getName());

    static final String FETCHES = "aiob.token.fetches";
    static final String FETCH_TIME = "aiob.token.fetch.duration";
    static final String EXPIRES_IN = "aiob.token.expires.in";
    static final String REAUTHENTICATIONS = "aiob.token.reauthentications";
    static final String WAITING_CALLERS = "aiob.token.waiting.callers";
    static final String CONTENTIONS = "aiob.token.contentions";
    static final String CONTENTION = "aiob.token.contention";
    static final String STORE_OPERATIONS = "aiob.token.store.operations";
    static final String STORE_FALLBACKS = "aiob.token.store.fallbacks";
    static final String GET_TOKEN_REQUESTS = "aiob.token.gettoken.requests";
    static final String ADOPTIONS = "aiob.token.adoptions";
    static final String LEASES = "aiob.token.store.leases";
    static final String RECONCILIATIONS = "aiob.token.store.reconciliations";
    private static final List<String> STORE_OUTCOMES = List.of("answered", "timed_out", "failed", "no_quorum");
    private static final List<String> LEASE_OUTCOMES = List.of("won", "lost", "expired");
    private static final List<String> RECONCILIATION_OUTCOMES = List.of("adopted", "published");

    @Inject
    MetricRegistry registry;

    @Inject
    AiobTokenProvider tokens;

    @Resource(lookup = "java:app/AppName")
    String application;

    /** Set once everything is registered; until then, and if that failed, events are dropped. */
    private volatile Tag applicationTag;

    /**
     * Registers everything at startup, so that a scrape shows zeros rather than nothing; before the
     * token holder's own startup observer, whose prefetch is counted here.
     */
    void register(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) Startup startup) {
        Tag tag = new Tag("application", application);
        try {
            for (FetchOutcome outcome : FetchOutcome.values()) {
                fetches(outcome, tag);
            }
            fetchTime(tag);
            getTokenRequests(tag);
            reauthentications(tag);
            waitingCallers(tag);
            contentions(tag);
            registry.gauge(Metadata.builder().withName(CONTENTION).withDescription("1 while AIOB keeps rejecting"
                    + " tokens soon after this server took them (another fetcher of the same Access Key), else 0")
                    .build(), tokens, provider -> provider.contentionSince().isPresent() ? 1 : 0, tag);
            if (sharesItsToken()) {
                STORE_OUTCOMES.forEach(outcome -> storeOperations(outcome, tag));
                storeFallbacks(tag);
                adoptions(tag);
                LEASE_OUTCOMES.forEach(outcome -> leases(outcome, tag));
                RECONCILIATION_OUTCOMES.forEach(outcome -> reconciliations(outcome, tag));
            }
            registry.gauge(Metadata.builder().withName(EXPIRES_IN).withUnit(MetricUnits.SECONDS)
                    .withDescription("Seconds until AIOB's expiry of the cached token; 0 without one").build(),
                    tokens, AiobTokenMetrics::secondsUntilExpiry, tag);
            applicationTag = tag;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The AIOB token metrics are off: {0}", e.getMessage());
        }
    }

    /** The registry outlives the application: take our metrics, and the gauge's hold on this application, out. */
    @PreDestroy
    void unregister() {
        Tag tag = applicationTag;
        applicationTag = null;
        if (tag != null) {
            registry.removeMatching((id, metric) -> id.getName().startsWith("aiob.token.")
                    && Arrays.asList(id.getTagsAsArray()).contains(tag));
        }
    }

    @Override
    public void fetched(FetchOutcome outcome, Duration took) {
        Tag tag = applicationTag;
        if (tag != null) {
            fetches(outcome, tag).inc();
            fetchTime(tag).update(took);
        }
    }

    @Override
    public void getTokenRequested() {
        count(this::getTokenRequests);
    }

    @Override
    public void adopted() {
        count(this::adoptions);
    }

    @Override
    public void leaseWon() {
        count(tag -> leases("won", tag));
    }

    @Override
    public void leaseLost() {
        count(tag -> leases("lost", tag));
    }

    @Override
    public void leaseExpired() {
        count(tag -> leases("expired", tag));
    }

    @Override
    public void reconciled(boolean published) {
        count(tag -> reconciliations(published ? "published" : "adopted", tag));
    }

    @Override
    public void callerWaited() {
        count(this::waitingCallers);
    }

    @Override
    public void reauthenticated() {
        count(this::reauthentications);
    }

    @Override
    public void contentionBegan() {
        count(this::contentions);
    }

    @Override
    public void storeAnswered() {
        count(tag -> storeOperations("answered", tag));
    }

    @Override
    public void storeTimedOut() {
        count(tag -> storeOperations("timed_out", tag));
    }

    @Override
    public void storeFailed() {
        count(tag -> storeOperations("failed", tag));
    }

    @Override
    public void storeRefusedNoQuorum() {
        count(tag -> storeOperations("no_quorum", tag));
    }

    @Override
    public void fetchedWithoutStore() {
        count(this::storeFallbacks);
    }

    /** Adds one to the application's counter that {@code counter} finds, once the metrics are registered. */
    private void count(Function<Tag, Counter> counter) {
        Tag tag = applicationTag;
        if (tag != null) {
            counter.apply(tag).inc();
        }
    }

    private boolean sharesItsToken() {
        try {
            return tokens.tokenStoreState() != TokenStoreState.LOCAL;
        } catch (RuntimeException e) {
            // The readiness check and the log say what is wrong; the other metrics stay on.
            return false;
        }
    }

    private Counter storeOperations(String outcome, Tag tag) {
        return registry.counter(Metadata.builder().withName(STORE_OPERATIONS)
                .withDescription("Operations of the AIOB token store by outcome").build(), tag,
                new Tag("outcome", outcome));
    }

    private Counter storeFallbacks(Tag tag) {
        return registry.counter(Metadata.builder().withName(STORE_FALLBACKS)
                .withDescription("AIOB token fetches made without the token store, which did not answer").build(), tag);
    }

    private Counter getTokenRequests(Tag tag) {
        return registry.counter(Metadata.builder().withName(GET_TOKEN_REQUESTS)
                .withDescription("AIOB getToken requests this server sent, every retry included").build(), tag);
    }

    private Counter adoptions(Tag tag) {
        return registry.counter(Metadata.builder().withName(ADOPTIONS)
                .withDescription("AIOB tokens taken from the token store, which another server obtained").build(), tag);
    }

    private Counter leases(String outcome, Tag tag) {
        return registry.counter(Metadata.builder().withName(LEASES)
                .withDescription("The token store's lease to call getToken, by outcome: won, lost, expired").build(),
                tag, new Tag("outcome", outcome));
    }

    private Counter reconciliations(String outcome, Tag tag) {
        return registry.counter(Metadata.builder().withName(RECONCILIATIONS)
                .withDescription("This server's AIOB token and the token store's differed outside a fetch, by which"
                        + " won: adopted (the store's), published (this server's)").build(),
                tag, new Tag("outcome", outcome));
    }

    private Counter fetches(FetchOutcome outcome, Tag tag) {
        return registry.counter(Metadata.builder().withName(FETCHES)
                .withDescription("AIOB getToken fetches of this server's by outcome, retries included").build(),
                tag, new Tag("outcome", outcome.tag()));
    }

    private Timer fetchTime(Tag tag) {
        return registry.timer(Metadata.builder().withName(FETCH_TIME).withUnit(MetricUnits.SECONDS)
                .withDescription("How long AIOB getToken fetches took, retries included").build(), tag);
    }

    private Counter reauthentications(Tag tag) {
        return registry.counter(Metadata.builder().withName(REAUTHENTICATIONS)
                .withDescription("AIOB tokens dropped because AIOB rejected them on an API call").build(), tag);
    }

    private Counter contentions(Tag tag) {
        return registry.counter(Metadata.builder().withName(CONTENTIONS).withDescription("Episodes in which AIOB"
                + " kept rejecting tokens soon after this server took them: another fetcher of the same Access Key")
                .build(), tag);
    }

    private Counter waitingCallers(Tag tag) {
        return registry.counter(Metadata.builder().withName(WAITING_CALLERS)
                .withDescription("Calls that found no usable AIOB token and waited for a fetch").build(), tag);
    }

    private static double secondsUntilExpiry(AiobTokenProvider tokens) {
        TokenStatus status = tokens.status();
        if (status.expiresAt() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(Instant.now(), status.expiresAt()).toMillis() / 1000.0);
    }
}
