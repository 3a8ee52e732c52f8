package io.github.aiobmp.auth.internal.gettoken;

import java.util.Objects;
import java.util.function.Function;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;

/**
 * The token source the cache fetches from: getToken attempts ({@link TokenEndpoint}), each under
 * the Fault Tolerance policy that retries them (TokenFetcher), whose final timeout is reported as
 * what it means to a caller: AIOB is unavailable.
 */
public final class RetriedTokenSource implements TokenSource {

    private final Function<TokenSource, TokenGrant> retried;
    private final TokenSource attempt;
    private final long timeoutMillis;

    /**
     * @param retried       runs {@code attempt} under the Fault Tolerance policy
     * @param attempt       one getToken call, classified
     * @param timeoutMillis the per-attempt timeout, for the message
     */
    public RetriedTokenSource(Function<TokenSource, TokenGrant> retried, TokenSource attempt, long timeoutMillis) {
        this.retried = Objects.requireNonNull(retried, "retried");
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public TokenGrant fetch() {
        try {
            return retried.apply(attempt);
        } catch (TimeoutException e) {
            throw new AiobUnavailableException("AIOB's getToken did not answer within " + timeoutMillis + " ms ("
                    + AttemptTimeout.KEY + ")", e);
        }
    }
}
