package io.github.aiobmp.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Runs getToken calls under MicroProfile Fault Tolerance: transient faults (unreachable, cut off,
 * HTTP 5xx) are retried with a short backoff; a credential rejection or a malformed answer is not.
 *
 * <p>The policy sits on this bean rather than on {@link AiobTokenClient}: Open Liberty applies the
 * annotations of a rest client interface but ignores MicroProfile Config overrides of them, and
 * users must be able to tune it with MicroProfile's own keys, e.g.
 * {@code io.github.aiobmp.auth.TokenFetcher/fetch/Retry/maxRetries}. Each attempt is classified
 * before the policy sees it, so only {@link AiobUnavailableException} is ever retried.
 */
@ApplicationScoped
public class TokenFetcher {

    /** Per-attempt timeout in milliseconds, unless overridden by {@link #TIMEOUT_KEY}. */
    static final long TIMEOUT_MILLIS = 3000;
    /** MicroProfile Fault Tolerance's key for the per-attempt timeout; the socket timeouts follow it. */
    static final String TIMEOUT_KEY = TokenFetcher.class.getName() + "/fetch/Timeout/value";

    /** Fetches one token through {@code endpoint}, retrying transient faults. */
    @Timeout(TIMEOUT_MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 15_000,
            retryOn = {AiobUnavailableException.class, TimeoutException.class},
            abortOn = {AiobCredentialsRejectedException.class, AiobBadResponseException.class,
                    AiobConfigurationException.class})
    public TokenGrant fetch(TokenSource endpoint) {
        return endpoint.fetch();
    }
}
