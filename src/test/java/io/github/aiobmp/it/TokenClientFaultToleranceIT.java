package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.simulator.AiobSimulator;
import io.github.aiobmp.simulator.AuthFailureStyle;
import io.github.aiobmp.simulator.Malformation;

/** Verifies that the token client retries transient faults only, and that a slow endpoint is cut off. */
@ExtendWith(ArquillianExtension.class)
class TokenClientFaultToleranceIT {

    private static final String NAME = "token-client-it";
    private static final String FETCHER = "io.github.aiobmp.auth.TokenFetcher/fetch/";

    @Deployment
    static WebArchive deployment() {
        // A short per-attempt timeout and one retry keep the slow-endpoint test quick;
        // they also prove that MicroProfile's own override keys reach the client.
        return Deployments.componentWithSimulator(NAME, Map.of(
                FETCHER + "Timeout/value", "1000",
                FETCHER + "Retry/maxRetries", "1",
                "aiob.token.max-wait", "20s"));
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @AfterEach
    void dropTokenAndResetSimulator() {
        FreshState.restore(tokens, simulator);
    }

    @Test
    void serverError_isRetried() {
        simulator.failTokenRequests(1, 503);

        String token = tokens.token();

        assertEquals(2, simulator.tokenRequestCount());
        assertEquals(simulator.issuedTokens().get(0), token);
    }

    @Test
    void rejectedCredentials_inBody_areNotRetried() {
        simulator.acceptCredentials("other-key", "other-secret");

        var e = assertThrows(AiobCredentialsRejectedException.class, tokens::token);

        assertEquals(1, simulator.tokenRequestCount());
        assertEquals(401, e.code());
        assertTrue(e.getMessage().contains("aiob.access-key"), e.getMessage());
    }

    @Test
    void rejectedCredentials_asHttp401_areNotRetried() {
        simulator.acceptCredentials("other-key", "other-secret");
        simulator.credentialRejectionStyle(AuthFailureStyle.HTTP_401);

        assertThrows(AiobCredentialsRejectedException.class, tokens::token);

        assertEquals(1, simulator.tokenRequestCount());
    }

    @Test
    void slowEndpoint_isCutOffAfterEachAttemptsTimeout() {
        simulator.delayTokenRequests(Duration.ofSeconds(3));
        long start = System.nanoTime();

        var e = assertThrows(AiobUnavailableException.class, tokens::token);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // Two attempts of 1 s each, plus the retry delay; below the simulator's 3 s (which the
        // undeployment then waits out, so it is kept short).
        assertTrue(elapsedMillis >= 1900 && elapsedMillis < 5000, "elapsed " + elapsedMillis + " ms: " + e.getMessage());
        assertEquals(2, simulator.tokenRequestCount());
    }

    @Test
    void htmlErrorPage_isABadResponse_andNotRetried() {
        simulator.malformTokenResponses(1, Malformation.HTML_PAGE);

        assertThrows(AiobBadResponseException.class, tokens::token);

        assertEquals(1, simulator.tokenRequestCount());
    }

    @Test
    void missingAccessToken_isABadResponse_andNotRetried() {
        simulator.malformTokenResponses(1, Malformation.MISSING_ACCESS_TOKEN);

        var e = assertThrows(AiobBadResponseException.class, tokens::token);

        assertTrue(e.getMessage().contains("accessToken"), e.getMessage());
        assertEquals(1, simulator.tokenRequestCount());
    }
}
