package io.github.aiobmp.auth.internal.gettoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.auth.FetchOutcome;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;

/** getToken's retried fetch reports each fetch and how it ended: the only place a fetch is counted. */
class RetriedTokenSourceTest {

    private final List<FetchOutcome> reported = new CopyOnWriteArrayList<>();
    private final TokenEvents events = new TokenEvents() {
        @Override
        public void fetched(FetchOutcome outcome, Duration took) {
            assertTrue(!took.isNegative(), "took " + took);
            reported.add(outcome);
        }
    };

    private RetriedTokenSource source(Function<TokenSource, TokenGrant> retried) {
        return new RetriedTokenSource(retried, () -> {
            throw new AssertionError("the attempt runs inside the policy");
        }, 3000, events);
    }

    @Test
    void fetchThatSucceeds_isReportedAsASuccess() {
        TokenGrant grant = new TokenGrant("tok-1", Duration.ofMinutes(60));

        assertSame(grant, source(attempt -> grant).fetch());

        assertEquals(List.of(FetchOutcome.SUCCESS), reported);
    }

    @Test
    void fetchThatFails_isReportedByItsOutcome_andItsExceptionGoesOnAsItIs() {
        AiobCredentialsRejectedException refused = new AiobCredentialsRejectedException(401, "bad key", "refused");

        assertSame(refused, assertThrows(AiobCredentialsRejectedException.class, () -> source(attempt -> {
            throw refused;
        }).fetch()));

        assertEquals(List.of(FetchOutcome.CREDENTIALS_REJECTED), reported);
    }

    @Test
    void faultTolerancesTimeout_isReportedAsUnavailable_namingTheKey_andCarryingTheTimeout() {
        TimeoutException timeout = new TimeoutException("timed out");
        AiobUnavailableException unavailable = assertThrows(AiobUnavailableException.class, () -> source(attempt -> {
            throw timeout;
        }).fetch());

        assertEquals("AIOB's getToken did not answer within 3000 ms (" + AttemptTimeout.KEY + ")",
                unavailable.getMessage());
        assertSame(timeout, CauseChain.find(unavailable, TimeoutException.class).orElseThrow());
        assertEquals(List.of(FetchOutcome.UNAVAILABLE), reported);
    }
}
