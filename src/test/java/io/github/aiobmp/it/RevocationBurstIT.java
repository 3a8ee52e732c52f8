package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;
import io.github.aiobmp.simulator.AuthFailureStyle;
import io.github.aiobmp.simulator.Malformation;
import io.github.aiobmp.simulator.RecordedRequest;

/**
 * Verifies that when AIOB revokes the token under a burst of calls, every call still succeeds
 * with one getToken for all of them: the simulator holds the burst until every call has arrived
 * with the revoked token, then rejects them all at once. When the replacement fetch fails, every
 * caller gets that fetch's own failure. The forced-refresh interval keeps its default.
 */
@ExtendWith(ArquillianExtension.class)
class RevocationBurstIT {

    private static final String NAME = "revocation-burst-it";
    private static final int CALLERS = 50;
    private static final Duration HOLD = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator(NAME, Map.of(
                "reauth-robots/mp-rest/url", Deployments.simulatorUrl(NAME),
                // A failed fetch is remembered for 5-10 s: every caller of a burst shares the one failure.
                AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "10s"))
                .addClasses(ReauthRobotListClient.class);
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Inject
    @RestClient
    ReauthRobotListClient client;

    /** The callers run on the server's own threads, as an application's requests would. */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** The callers of the running test, cancelled after it so that a failed test's stragglers cannot disturb the next. */
    private final List<Future<String>> answers = new ArrayList<>();

    @AfterEach
    void stopCallersDropTokenAndResetSimulator() {
        answers.forEach(answer -> answer.cancel(true));
        FreshState.restore(tokens, simulator);
    }

    @Test
    void http401_synchronousBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.HTTP_401, false, false);
    }

    @Test
    void code401InHttp200_synchronousBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.CODE_401, false, false);
    }

    @Test
    void http401_completionStageBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.HTTP_401, true, false);
    }

    @Test
    void code401InHttp200_completionStageBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.CODE_401, true, false);
    }

    @Test
    void newTokenRevokesOlder_synchronousBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.CODE_401, false, true);
    }

    @Test
    void newTokenRevokesOlder_completionStageBurst_allSucceed_withOneGetToken() throws Exception {
        assertEveryCallSucceeds(AuthFailureStyle.HTTP_401, true, true);
    }

    @Test
    void replacementRefusedForWrongKeys_everyCallerGetsThatRefusal() throws Exception {
        tokens.token();
        simulator.acceptCredentials("another-key", "another-secret");

        List<Throwable> failures = failedBurst(AuthFailureStyle.CODE_401, false);

        for (Throwable failure : failures) {
            AiobCredentialsRejectedException refused = assertInstanceOf(AiobCredentialsRejectedException.class,
                    failure);
            assertEquals(401, refused.code());
            assertEquals("accessKey or secretKey is invalid", refused.aiobMessage());
            assertTrue(refused.getMessage().contains(AiobConfigKeys.ACCESS_KEY), refused.getMessage());
        }
        assertEquals(2, simulator.tokenRequestCount(), "the first token, then one refused replacement");
    }

    @Test
    void replacementAnsweredWithHtml_everyAsyncCallerGetsThatBadAnswer() throws Exception {
        tokens.token();
        simulator.malformTokenResponses(1, Malformation.HTML_PAGE);

        List<Throwable> failures = failedBurst(AuthFailureStyle.HTTP_401, true);

        for (Throwable failure : failures) {
            AiobBadResponseException bad = assertInstanceOf(AiobBadResponseException.class, failure);
            assertTrue(bad.getMessage().contains("getToken"), bad.getMessage());
            assertTrue(bad.getMessage().contains("not getToken's JSON"), bad.getMessage());
        }
        assertEquals(2, simulator.tokenRequestCount(), "the first token, then one unreadable replacement");
    }

    @Test
    void tokenReplacedThenRevokedWhileTheCallWasOut_isResentASecondTime_withATokenFetchedAfterIt() throws Exception {
        assertResentASecondTime(false);
    }

    @Test
    void tokenReplacedThenRevokedWhileTheCompletionStageCallWasOut_isResentASecondTime() throws Exception {
        assertResentASecondTime(true);
    }

    /**
     * The call goes out with token 1 and is held; meanwhile token 2 replaces token 1 (not forced by
     * a rejection), then AIOB revokes both. Token 1's rejection finds it already replaced, so the
     * call is resent with token 2, which is refused too: it is resent once more, with token 3.
     */
    private void assertResentASecondTime(boolean async) throws Exception {
        String first = tokens.token();
        simulator.holdApiRequests(2, HOLD);
        answers.add(executor.submit(() -> async ? client.listAsync().toCompletableFuture().get(60, TimeUnit.SECONDS)
                : client.list()));
        awaitApiRequests(1);
        tokens.reset();
        String second = tokens.token();
        simulator.revokeAllTokens();
        simulator.screenApiCall("GET", "/release-the-hold", null); // the hold's second call: the held one goes on

        String body = answers.get(0).get(60, TimeUnit.SECONDS);

        assertTrue(body.contains("\"code\":200"), body);
        List<String> sent = simulator.apiRequests().stream().map(RecordedRequest::authorization)
                .filter(token -> token != null).toList();
        assertEquals(List.of(first, second, simulator.issuedTokens().get(2)), sent);
        assertEquals(3, simulator.tokenRequestCount());
    }

    private void awaitApiRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (simulator.apiRequestCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, simulator.apiRequestCount(), "the call did not reach the simulator");
    }

    private void assertEveryCallSucceeds(AuthFailureStyle style, boolean async, boolean newTokenRevokesOlder)
            throws Exception {
        simulator.newTokenRevokesOlder(newTokenRevokesOlder);
        String revoked = tokens.token();

        List<Future<String>> answers = revokeAndBurst(style, async);

        for (Future<String> answer : answers) {
            String body = answer.get(60, TimeUnit.SECONDS);
            assertTrue(body.contains("\"code\":200"), body);
        }
        assertEquals(2, simulator.tokenRequestCount(), "the first token, then one replacement for the whole burst");
        assertEquals(CALLERS, simulator.apiTokenRejectionCount(), "every caller presented the revoked token once");
        assertEquals(2 * CALLERS, simulator.apiRequestCount(), "each call was sent twice: rejected, then resent");
        String replacement = simulator.issuedTokens().get(1);
        assertEquals(CALLERS, simulator.apiRequests().stream().filter(r -> revoked.equals(r.authorization())).count());
        assertEquals(CALLERS, simulator.apiRequests().stream().filter(r -> replacement.equals(r.authorization()))
                .count());
    }

    /**
     * Runs the burst after a revocation and returns what each caller was thrown, as it was thrown:
     * unwrapped from the test's own futures only. Fails if a call succeeded.
     */
    private List<Throwable> failedBurst(AuthFailureStyle style, boolean async) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (Future<String> answer : revokeAndBurst(style, async)) {
            try {
                String body = answer.get(60, TimeUnit.SECONDS);
                throw new AssertionError("a call succeeded although no new token could be had: " + body);
            } catch (ExecutionException e) {
                Throwable thrown = e.getCause();
                failures.add(async && thrown instanceof ExecutionException stage ? stage.getCause() : thrown);
            }
        }
        assertEquals(CALLERS, simulator.apiTokenRejectionCount(), "every caller presented the revoked token");
        return failures;
    }

    /**
     * Revokes every token, makes the simulator hold the next {@link #CALLERS} API calls until all
     * have arrived, and starts that many calls at once.
     */
    private List<Future<String>> revokeAndBurst(AuthFailureStyle style, boolean async) {
        simulator.authFailureStyle(style);
        simulator.revokeAllTokens();
        simulator.holdApiRequests(CALLERS, HOLD);
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        Callable<String> call = () -> {
            start.await(30, TimeUnit.SECONDS);
            return async ? client.listAsync().toCompletableFuture().get(60, TimeUnit.SECONDS) : client.list();
        };
        for (int i = 0; i < CALLERS; i++) {
            answers.add(executor.submit(call));
        }
        return List.copyOf(answers);
    }
}
