package io.github.aiobmp.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.gettoken.AttemptTimeout;

/**
 * Where getToken is retried: runs one attempt under MicroProfile Fault Tolerance, so that
 * transient faults (unreachable, cut off, HTTP 5xx) are retried with a short backoff, and a
 * credential rejection or a malformed answer is not. Each attempt is classified before the policy
 * sees it, so only {@link AiobUnavailableException} (and the policy's own timeout) is retried.
 *
 * <p>Not public, but its name is: users tune the policy with MicroProfile's own keys, e.g.
 * {@code io.github.aiobmp.auth.TokenFetcher/fetch/Retry/maxRetries}. So it stays in this package,
 * and the policy sits here rather than on the rest client interface, since Open Liberty ignores
 * MicroProfile Config overrides of a rest client interface's annotations.
 */
@ApplicationScoped
class TokenFetcher {

    /** Fetches one token through {@code attempt}, retrying transient faults. */
    @Timeout(AttemptTimeout.DEFAULT_MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 15_000,
            retryOn = {AiobUnavailableException.class, TimeoutException.class},
            abortOn = {AiobCredentialsRejectedException.class, AiobBadResponseException.class,
                    AiobConfigurationException.class})
    public TokenGrant fetch(TokenSource attempt) {
        return attempt.fetch();
    }
}
