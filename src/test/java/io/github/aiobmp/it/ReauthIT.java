package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobTokenRejectedException;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.simulator.AiobSimulator;
import io.github.aiobmp.simulator.AuthFailureStyle;
import io.github.aiobmp.simulator.RecordedRequest;

/**
 * Verifies that a rejected token is replaced and the call resent once, for both ways AIOB may
 * reject it, synchronously and asynchronously; that a second rejection, a rate-limited one, a
 * redirect and plain HTTP off loopback each fail with a typed error saying so.
 */
@ExtendWith(ArquillianExtension.class)
class ReauthIT {

    private static final String NAME = "reauth-it";
    private static final String AIOB_URL = "http://localhost:9080/" + NAME + "/aiob-simulator";
    /** The same simulator through another host name, listed in aiob.allowed-hosts. */
    private static final String ALLOWED_URL = "http://127.0.0.1:9080/" + NAME + "/aiob-simulator";

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator(NAME, Map.of(
                "reauth-robots/mp-rest/url", AIOB_URL,
                "robots/mp-rest/url", AIOB_URL,
                AiobConfigKeys.REAUTH_MIN_INTERVAL, "60s",
                AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "10s",
                AiobConfigKeys.ALLOWED_HOSTS, "127.0.0.1:9080, aiob-gateway.example"))
                .addClasses(ReauthRobotListClient.class, RobotListClient.class);
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Inject
    @RestClient
    ReauthRobotListClient reauthenticating;

    @Inject
    @RestClient
    RobotListClient filterOnly;

    @AfterEach
    void dropTokenAndResetSimulator() {
        FreshState.restore(tokens, simulator);
    }

    @Test
    void revokedToken_rejectedByHttp401_isReplaced_andTheCallSucceeds() {
        assertTransparentAfterRevocation(AuthFailureStyle.HTTP_401);
    }

    @Test
    void revokedToken_rejectedByCode401InAnHttp200Body_isReplaced_andTheCallSucceeds() {
        assertTransparentAfterRevocation(AuthFailureStyle.CODE_401);
    }

    @Test
    void completionStageMethod_isResentToo() throws Exception {
        String first = tokens.token();
        simulator.revokeAllTokens();

        String body = reauthenticating.listAsync().toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertTrue(body.contains("\"code\":200"), body);
        assertResentWithANewToken(first);
    }

    @Test
    void builderMadeClient_isNotIntercepted_soItsRejectedCallFails_andTheNextGetsANewToken() throws Exception {
        // Liberty applies interceptor bindings only to CDI-managed rest clients (@RestClient).
        String first = tokens.token();
        simulator.revokeAllTokens();

        try (ReauthRobotListClient client = RestClientBuilder.newBuilder().baseUri(URI.create(AIOB_URL))
                .build(ReauthRobotListClient.class)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, client::list);
            assertEquals(TokenInvalidation.DROPPED, find(AiobTokenRejectedException.class, thrown).outcome());
            assertTrue(client.list().contains("\"code\":200"));
        }
        assertNotEquals(first, simulator.apiRequests().get(1).authorization());
        assertEquals(2, simulator.tokenRequestCount());
    }

    @Test
    void rejectedTwice_failsSayingSo_afterOneNewToken() {
        tokens.token();
        simulator.rejectApiRequests(2);

        AiobTokenRejectedException thrown = assertThrows(AiobTokenRejectedException.class, reauthenticating::list);

        assertTrue(thrown.getMessage().contains("rejected the token twice"), thrown.getMessage());
        assertEquals(401, thrown.httpStatus());
        assertEquals(2, simulator.tokenRequestCount());
        assertEquals(2, simulator.apiRequestCount());
    }

    @Test
    void asyncRejectedTwice_failsTheStageSayingSo() {
        tokens.token();
        simulator.rejectApiRequests(2);

        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> reauthenticating.listAsync().toCompletableFuture().get(20, TimeUnit.SECONDS));

        AiobTokenRejectedException rejected = find(AiobTokenRejectedException.class, thrown);
        assertTrue(rejected.getMessage().contains("rejected the token twice"), rejected.getMessage());
        assertEquals(2, simulator.tokenRequestCount());
    }

    @Test
    void forcedRefreshes_areRateLimited_soARejectionSoonAfterOneFailsWithoutAGetToken() {
        tokens.token();
        simulator.rejectApiRequests(1);
        reauthenticating.list(); // forced refresh 1
        simulator.rejectApiRequests(1);

        AiobTokenRejectedException thrown = assertThrows(AiobTokenRejectedException.class, reauthenticating::list);

        assertEquals(TokenInvalidation.RATE_LIMITED, thrown.outcome());
        assertTrue(thrown.getMessage().contains(AiobConfigKeys.REAUTH_MIN_INTERVAL), thrown.getMessage());
        assertEquals(2, simulator.tokenRequestCount(), "no second forced refresh within the interval");
        assertTrue(reauthenticating.list().contains("\"code\":200"), "the token itself is still good");
    }

    @Test
    void filterWithoutTheAnnotation_failsTheRejectedCall_andTheNextCallGetsANewToken() {
        String first = tokens.token();
        simulator.revokeAllTokens();

        RuntimeException thrown = assertThrows(RuntimeException.class, filterOnly::list);
        AiobTokenRejectedException rejected = find(AiobTokenRejectedException.class, thrown);
        assertEquals(TokenInvalidation.DROPPED, rejected.outcome());
        assertTrue(rejected.getMessage().contains("it was dropped"), rejected.getMessage());

        assertTrue(filterOnly.list().contains("\"code\":200"));
        assertNotEquals(first, simulator.apiRequests().get(1).authorization());
        assertEquals(2, simulator.tokenRequestCount());
    }

    @Test
    void redirect_isAnError_andIsNotFollowed() {
        simulator.redirectApiRequests(1);

        RuntimeException thrown = assertThrows(RuntimeException.class, reauthenticating::list);

        AiobBadResponseException bad = find(AiobBadResponseException.class, thrown);
        assertTrue(bad.getMessage().contains("HTTP 302"), bad.getMessage());
        assertTrue(bad.getMessage().contains("moved.aiob.invalid"), bad.getMessage());
        assertEquals(1, simulator.apiRequestCount());
    }

    @Test
    void allowedHost_getsTheToken() throws Exception {
        try (ReauthRobotListClient client = RestClientBuilder.newBuilder().baseUri(URI.create(ALLOWED_URL))
                .build(ReauthRobotListClient.class)) {
            assertTrue(client.list().contains("\"code\":200"));
        }
        assertEquals(simulator.issuedTokens().get(0), simulator.apiRequests().get(0).authorization());
    }

    @Test
    void allowedHostOverPlainHttp_isRefusedBeforeAnythingIsSent() throws Exception {
        try (ReauthRobotListClient client = RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://aiob-gateway.example/aiob")).build(ReauthRobotListClient.class)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, client::list);

            AiobConfigurationException refused = find(AiobConfigurationException.class, thrown);
            assertTrue(refused.getMessage().contains(AiobConfigKeys.ALLOW_PLAIN_HTTP), refused.getMessage());
        }
        assertEquals(0, simulator.tokenRequestCount());
    }

    private void assertTransparentAfterRevocation(AuthFailureStyle style) {
        simulator.authFailureStyle(style);
        String first = tokens.token();
        simulator.revokeAllTokens();

        String body = reauthenticating.list();

        assertTrue(body.contains("\"code\":200"), body);
        assertResentWithANewToken(first);
    }

    private void assertResentWithANewToken(String first) {
        List<RecordedRequest> sent = simulator.apiRequests();
        assertEquals(2, sent.size());
        assertEquals(first, sent.get(0).authorization());
        assertEquals(simulator.issuedTokens().get(1), sent.get(1).authorization());
        assertEquals(2, simulator.tokenRequestCount());
    }

    private static <T extends Throwable> T find(Class<T> type, Throwable thrown) {
        return CauseChain.find(thrown, type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()
                + " in " + thrown, thrown));
    }
}
