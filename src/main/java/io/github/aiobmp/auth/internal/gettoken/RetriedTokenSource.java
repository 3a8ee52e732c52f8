package io.github.aiobmp.auth.internal.gettoken;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;

/**
 * getToken as the rest of the component calls it: attempts ({@link TokenEndpoint}) under the Fault
 * Tolerance policy that retries them (TokenFetcher), whose final timeout is reported as what it
 * means to a caller: AIOB is unavailable. Each such fetch, and how it ended, is reported here, where
 * a getToken is certain to have been tried: never for a token taken from another server.
 */
public final class RetriedTokenSource implements TokenSource {

    private final Function<TokenSource, TokenGrant> retried;
    private final TokenSource attempt;
    private final long timeoutMillis;
    private final TokenEvents events;

    /**
     * @param retried       runs {@code attempt} under the Fault Tolerance policy
     * @param attempt       one getToken call, classified
     * @param timeoutMillis the per-attempt timeout, for the message
     * @param events        told how each fetch ended
     */
    public RetriedTokenSource(Function<TokenSource, TokenGrant> retried, TokenSource attempt, long timeoutMillis,
            TokenEvents events) {
        this.retried = Objects.requireNonNull(retried, "retried");
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.timeoutMillis = timeoutMillis;
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public TokenGrant fetch() {
        long start = System.nanoTime();
        try {
            TokenGrant grant = retried.apply(attempt);
            report(FetchOutcome.SUCCESS, start);
            return grant;
        } catch (TimeoutException e) {
            report(FetchOutcome.UNAVAILABLE, start);
            throw new AiobUnavailableException("AIOB's getToken did not answer within " + timeoutMillis + " ms ("
                    + AttemptTimeout.KEY + ")", e);
        } catch (AiobException e) {
            report(FetchOutcome.of(e), start);
            throw e;
        } catch (RuntimeException e) {
            report(FetchOutcome.UNAVAILABLE, start);
            throw e;
        }
    }

    private void report(FetchOutcome outcome, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Observers.report(() -> events.fetched(outcome, took));
    }
}
