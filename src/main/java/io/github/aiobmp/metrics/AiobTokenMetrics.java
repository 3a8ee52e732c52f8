package io.github.aiobmp.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

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
 *   <li>{@value #FETCHES}, tagged {@code outcome} ({@code aiob_token_fetches_total}): getToken
 *       fetches by outcome: success, credentials_rejected, unavailable, bad_response, configuration;</li>
 *   <li>{@value #FETCH_TIME} ({@code aiob_token_fetch_duration_seconds}): how long fetches took,
 *       Fault Tolerance's retries included;</li>
 *   <li>{@value #EXPIRES_IN} ({@code aiob_token_expires_in_seconds}): seconds until AIOB's expiry of
 *       the cached token, 0 without one;</li>
 *   <li>{@value #REAUTHENTICATIONS} ({@code aiob_token_reauthentications_total}): tokens dropped
 *       because AIOB rejected them;</li>
 *   <li>{@value #WAITING_CALLERS} ({@code aiob_token_waiting_callers_total}): calls that found no
 *       usable token and waited for a fetch;</li>
 *   <li>with a token store ({@code aiob.token-store} other than {@code local}):
 *       {@value #STORE_OPERATIONS}, tagged {@code outcome} ({@code aiob_token_store_operations_total}):
 *       the store's operations by outcome: answered, timed_out, failed; and {@value #STORE_FALLBACKS}
 *       ({@code aiob_token_store_fallbacks_total}): fetches made without the store, which did not
 *       answer.</li>
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
    static final String STORE_OPERATIONS = "aiob.token.store.operations";
    static final String STORE_FALLBACKS = "aiob.token.store.fallbacks";
    private static final List<String> STORE_OUTCOMES = List.of("answered", "timed_out", "failed");

    @Inject
    MetricRegistry registry;

    @Inject
    AiobTokenProvider tokens;

    @Resource(lookup = "java:app/AppName")
    String application;

    /** Set once everything is registered; until then, and if that failed, events are dropped. */
    private volatile Tag applicationTag;

    /** Registers everything at startup, so that a scrape shows zeros rather than nothing. */
    void register(@Observes Startup startup) {
        Tag tag = new Tag("application", application);
        try {
            for (FetchOutcome outcome : FetchOutcome.values()) {
                fetches(outcome, tag);
            }
            fetchTime(tag);
            reauthentications(tag);
            waitingCallers(tag);
            if (sharesItsToken()) {
                STORE_OUTCOMES.forEach(outcome -> storeOperations(outcome, tag));
                storeFallbacks(tag);
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
    public void callerWaited() {
        Tag tag = applicationTag;
        if (tag != null) {
            waitingCallers(tag).inc();
        }
    }

    @Override
    public void reauthenticated() {
        Tag tag = applicationTag;
        if (tag != null) {
            reauthentications(tag).inc();
        }
    }

    @Override
    public void storeAnswered() {
        storeOperation("answered");
    }

    @Override
    public void storeTimedOut() {
        storeOperation("timed_out");
    }

    @Override
    public void storeFailed() {
        storeOperation("failed");
    }

    @Override
    public void fetchedWithoutStore() {
        Tag tag = applicationTag;
        if (tag != null) {
            storeFallbacks(tag).inc();
        }
    }

    private void storeOperation(String outcome) {
        Tag tag = applicationTag;
        if (tag != null) {
            storeOperations(outcome, tag).inc();
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

    private Counter fetches(FetchOutcome outcome, Tag tag) {
        return registry.counter(Metadata.builder().withName(FETCHES)
                .withDescription("AIOB getToken fetches by outcome, retries included").build(),
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
