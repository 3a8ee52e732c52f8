package io.github.aiobmp.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * All the state of the simulated AIOB: the credentials it accepts, the tokens it issued, its own
 * clock, the faults queued for the next answers, and what it received. Thread-safe.
 *
 * <p>Tests drive it through the switch methods here, or over HTTP through
 * {@link SimulatorControlResource}. Defaults come from MicroProfile Config:
 * {@code aiob.simulator.access-key}, {@code aiob.simulator.secret-key} and
 * {@code aiob.simulator.expires-minutes}; {@link #reset()} returns to them.
 */
@ApplicationScoped
public class AiobSimulator {

    /** The access key accepted unless {@code aiob.simulator.access-key} says otherwise. */
    public static final String DEFAULT_ACCESS_KEY = "demo-access-key";
    /** The secret key accepted unless {@code aiob.simulator.secret-key} says otherwise. */
    public static final String DEFAULT_SECRET_KEY = "demo-secret-key";
    /** The token lifetime answered unless {@code aiob.simulator.expires-minutes} says otherwise: 30 days. */
    public static final long DEFAULT_EXPIRES_MINUTES = 43_200;

    private static final String BEARER_PREFIX = "Bearer ";
    /** Where {@link #redirectApiRequests} points: a host that must never receive a token. */
    public static final String REDIRECT_LOCATION = "https://moved.aiob.invalid/api";

    private final Credentials configuredCredentials;
    private final long configuredExpiresMinutes;

    private final TokenLedger ledger = new TokenLedger();
    private final TokenFaults tokenFaults = new TokenFaults();
    private final RequestLog apiLog = new RequestLog();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger apiRejections = new AtomicInteger();
    private final AtomicInteger apiFailures = new AtomicInteger();
    private volatile int apiFailureCode;
    private final AtomicInteger apiRedirects = new AtomicInteger();
    private final AtomicInteger apiTokenRejections = new AtomicInteger();
    private final AtomicReference<ApiHold> apiHold = new AtomicReference<>();
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

    private volatile Credentials credentials;
    private volatile long expiresMinutes;
    private volatile Duration tokenDelay;
    private volatile Duration apiDelay;
    private volatile AuthFailureStyle authFailureStyle;
    private volatile AuthFailureStyle credentialRejectionStyle;
    private volatile boolean newTokenRevokesOlder;

    /** Creates a simulator with the built-in defaults; CDI also uses it to build its proxy. */
    public AiobSimulator() {
        this(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_EXPIRES_MINUTES);
    }

    /**
     * Creates a simulator that accepts the given credentials and answers the given lifetime.
     *
     * @throws IllegalArgumentException when a key is blank or the lifetime is out of range
     */
    @Inject
    public AiobSimulator(
            @ConfigProperty(name = "aiob.simulator.access-key", defaultValue = DEFAULT_ACCESS_KEY) String accessKey,
            @ConfigProperty(name = "aiob.simulator.secret-key", defaultValue = DEFAULT_SECRET_KEY) String secretKey,
            @ConfigProperty(name = "aiob.simulator.expires-minutes", defaultValue = "" + DEFAULT_EXPIRES_MINUTES)
            long expiresMinutes) {
        this.configuredCredentials = new Credentials(accessKey, secretKey);
        this.configuredExpiresMinutes = SimulatorLimits.requireLifetimeMinutes("expiresMinutes", expiresMinutes);
        restoreDefaults();
    }

    // Switches

    /**
     * Accepts only this Access Key / Secret Key pair from now on.
     *
     * @throws IllegalArgumentException when either key is blank
     */
    public void acceptCredentials(String accessKey, String secretKey) {
        credentials = new Credentials(accessKey, secretKey);
    }

    /**
     * Answers this {@code expiresTime} in the next getToken answers, and gives the tokens issued
     * this lifetime. Zero and negative values are allowed, to test clients against bad answers.
     */
    public void expiresInMinutes(long minutes) {
        expiresMinutes = SimulatorLimits.requireLifetimeMinutes("minutes", minutes);
    }

    /**
     * Makes the next {@code count} getToken calls answer {@code httpStatus} with an error envelope
     * whose {@code code} is that status. Replaces any failures still pending; 0 cancels them.
     */
    public void failTokenRequests(int count, int httpStatus) {
        tokenFaults.fail(SimulatorLimits.requireCount("count", count),
                SimulatorLimits.requireErrorStatus("httpStatus", httpStatus));
    }

    /** Makes every getToken answer wait this long first; {@link Duration#ZERO} turns it off. */
    public void delayTokenRequests(Duration delay) {
        tokenDelay = SimulatorLimits.requireSpan("delay", delay);
    }

    /** Makes every realtime-call and robot-list answer wait this long first; {@link Duration#ZERO} turns it off. */
    public void delayApiRequests(Duration delay) {
        apiDelay = SimulatorLimits.requireSpan("delay", delay);
    }

    /**
     * Breaks the next {@code count} getToken answers in the given way, once any pending
     * {@link #failTokenRequests failures} are used up. Replaces any malformations still pending.
     */
    public void malformTokenResponses(int count, Malformation kind) {
        tokenFaults.malform(SimulatorLimits.requireCount("count", count), Objects.requireNonNull(kind, "kind"));
    }

    /** Sets how the API endpoints reject a missing, invalid, revoked or expired token. */
    public void authFailureStyle(AuthFailureStyle style) {
        authFailureStyle = Objects.requireNonNull(style, "style");
    }

    /** Sets how getToken rejects a wrong Access Key / Secret Key pair. */
    public void credentialRejectionStyle(AuthFailureStyle style) {
        credentialRejectionStyle = Objects.requireNonNull(style, "style");
    }

    /**
     * When true, issuing a token revokes every token issued before it, as AIOB might: then several
     * instances that each fetch their own token keep invalidating each other.
     */
    public void newTokenRevokesOlder(boolean revokes) {
        newTokenRevokesOlder = revokes;
    }

    /**
     * Makes the next {@code count} realtime-call and robot-list calls reject their token as
     * {@link #authFailureStyle} says, whatever token they carry: a token AIOB stopped honouring
     * for reasons of its own. Replaces any rejections still pending; 0 cancels them.
     */
    public void rejectApiRequests(int count) {
        apiRejections.set(SimulatorLimits.requireCount("count", count));
    }

    /**
     * Makes the next {@code count} realtime-call and robot-list calls with a good token answer
     * HTTP 200 with an error envelope of this {@code code} (not 200, not 401: those mean success and
     * a rejected token), as AIOB does when it refuses the request itself. Replaces any pending; 0
     * cancels them.
     */
    public void failApiRequests(int count, int code) {
        apiFailureCode = SimulatorLimits.requireApiErrorCode("code", code);
        apiFailures.set(SimulatorLimits.requireCount("count", count));
    }

    /**
     * Makes the next {@code count} realtime-call and robot-list calls answer HTTP 302 to
     * {@link #REDIRECT_LOCATION}, as a moved AIOB might. Replaces any redirects still pending.
     */
    public void redirectApiRequests(int count) {
        apiRedirects.set(SimulatorLimits.requireCount("count", count));
    }

    /**
     * Holds the next {@code count} realtime-call and robot-list calls until all of them have
     * arrived, then checks their tokens together: a burst of calls then really presents one token
     * at once, as it would to an AIOB that revoked it while they were on their way. When a held
     * call waits longer than {@code timeout} for the others, the hold breaks: it and every call
     * held with it are answered HTTP 503 saying so. Replaces a hold not yet filled, whose calls
     * are answered so too; 0 cancels it.
     */
    public void holdApiRequests(int count, Duration timeout) {
        SimulatorLimits.requireCount("count", count);
        Duration wait = SimulatorLimits.requireSpan("timeout", timeout);
        cancelHold(apiHold.getAndSet(count == 0 ? null : new ApiHold(count, wait)), "another hold was set");
    }

    /** Revokes every token issued so far. */
    public void revokeAllTokens() {
        ledger.revokeAll();
    }

    /** Moves the simulator's clock, which decides token expiry, forward by {@code by}. */
    public void advanceClock(Duration by) {
        Duration step = SimulatorLimits.requireSpan("by", by);
        clockOffset.accumulateAndGet(step, Duration::plus);
    }

    /**
     * Returns to the configured defaults: switches and clock restored, faults, counters and
     * records cleared, every token forgotten. Not atomic with respect to calls in flight.
     */
    public void reset() {
        restoreDefaults();
    }

    // Observations

    /** Returns how many getToken calls were received, failed and malformed ones included. */
    public int tokenRequestCount() {
        return tokenRequests.get();
    }

    /** Returns how many realtime-call and robot-list calls were received. */
    public int apiRequestCount() {
        return apiLog.received();
    }

    /** Returns how many realtime-call and robot-list calls were answered with a rejection of their token. */
    public int apiTokenRejectionCount() {
        return apiTokenRejections.get();
    }

    /** Returns the most recent API calls (at most 10,000), in arrival order; an unmodifiable copy. */
    public List<RecordedRequest> apiRequests() {
        return apiLog.recent();
    }

    /** Returns the tokens issued (the most recent 10,000), in issue order; an unmodifiable copy. */
    public List<String> issuedTokens() {
        return ledger.issued();
    }

    // Answers, called by the AIOB resources

    /**
     * Answers a getToken call as AIOB would: counts it, waits the token delay, then sends any
     * queued failure or malformation before looking at the credentials.
     *
     * @param accessKey as sent; null when missing
     * @param secretKey as sent; null when missing
     */
    public Response answerTokenRequest(String accessKey, String secretKey) {
        tokenRequests.incrementAndGet();
        pause(tokenDelay);
        long minutes = expiresMinutes;
        OptionalInt failureStatus = tokenFaults.takeFailure();
        if (failureStatus.isPresent()) {
            int status = failureStatus.getAsInt();
            return AiobResponses.error(status, status, "simulated failure");
        }
        Optional<Malformation> malformation = tokenFaults.takeMalformation();
        if (malformation.isPresent()) {
            return MalformedTokenResponses.of(malformation.get(), ledger, accessKey, secretKey, minutes);
        }
        if (accessKey == null || accessKey.isBlank()) {
            return AiobResponses.invalidInput("accessKey,不能为空");
        }
        if (secretKey == null || secretKey.isBlank()) {
            return AiobResponses.invalidInput("secretKey,不能为空");
        }
        if (!credentials.matches(accessKey, secretKey)) {
            return AiobResponses.unauthorized(credentialRejectionStyle, "accessKey or secretKey is invalid");
        }
        String token = ledger.issue(now().plus(Duration.ofMinutes(minutes)), newTokenRevokesOlder);
        return AiobResponses.ok(TokenEnvelope.ok(TokenData.of(token, minutes, accessKey, secretKey)));
    }

    /**
     * Records an API call, waits the API delay, then checks its token.
     *
     * @param authorization the raw {@code Authorization} header, or null when absent
     * @return the rejection to send, or empty when the token is good
     */
    public Optional<Response> screenApiCall(String method, String path, String authorization) {
        apiLog.record(new RecordedRequest(method, path, authorization));
        Optional<String> holdFailed = hold();
        if (holdFailed.isPresent()) {
            return Optional.of(AiobResponses.error(503, 503, holdFailed.get()));
        }
        pause(apiDelay);
        if (takeOne(apiRedirects)) {
            return Optional.of(Response.status(Response.Status.FOUND).location(URI.create(REDIRECT_LOCATION)).build());
        }
        Optional<String> problem = takeOne(apiRejections) ? Optional.of("token rejected") : tokenProblem(authorization);
        if (problem.isPresent()) {
            apiTokenRejections.incrementAndGet();
            return problem.map(p -> AiobResponses.unauthorized(authFailureStyle, p));
        }
        return takeOne(apiFailures) ? Optional.of(AiobResponses.error(200, apiFailureCode, "simulated failure"))
                : Optional.empty();
    }

    /** Waits with the other calls of the hold, if there is one with room left. */
    private Optional<String> hold() {
        ApiHold held = apiHold.get();
        if (held == null || !held.admit()) {
            return Optional.empty();
        }
        Optional<String> broken = held.await();
        if (held.spent()) {
            apiHold.compareAndSet(held, null);
        }
        return broken;
    }

    private static void cancelHold(ApiHold held, String why) {
        if (held != null) {
            held.cancel(why);
        }
    }

    private Optional<String> tokenProblem(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of("Authorization header is missing");
        }
        if (authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.of("Authorization must be the raw token, without Bearer");
        }
        return switch (ledger.validityOf(authorization, now())) {
            case VALID -> Optional.empty();
            case UNKNOWN -> Optional.of("unknown token");
            case REVOKED -> Optional.of("token revoked");
            case EXPIRED -> Optional.of("token expired");
        };
    }

    private static boolean takeOne(AtomicInteger pending) {
        return pending.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private Instant now() {
        return Instant.now().plus(clockOffset.get());
    }

    /** Private, so that it never goes through the CDI proxy while the proxy itself is constructed. */
    private void restoreDefaults() {
        credentials = configuredCredentials;
        expiresMinutes = configuredExpiresMinutes;
        tokenDelay = Duration.ZERO;
        apiDelay = Duration.ZERO;
        authFailureStyle = AuthFailureStyle.HTTP_401;
        credentialRejectionStyle = AuthFailureStyle.CODE_401;
        newTokenRevokesOlder = false;
        clockOffset.set(Duration.ZERO);
        tokenFaults.clear();
        apiRejections.set(0);
        apiFailures.set(0);
        apiRedirects.set(0);
        apiTokenRejections.set(0);
        cancelHold(apiHold.getAndSet(null), "reset");
        ledger.clear();
        apiLog.clear();
        tokenRequests.set(0);
    }

    /** Waits as a slow AIOB would. An interrupt ends the wait early and stays set for the container to see. */
    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
