package io.github.aiobmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.settings.StubConfig;
import io.github.aiobmp.auth.internal.wiring.Wiring;

/**
 * Verifies without a server when AiobReauthInterceptor resends a rejected call, with which token,
 * how often, and what the caller is told when a resend cannot help; synchronously and for
 * {@code CompletionStage} methods.
 */
class AiobReauthInterceptorTest {

    private final AtomicInteger fetches = new AtomicInteger();
    private final Deque<RuntimeException> fetchFailures = new ArrayDeque<>();
    private final AiobTokenProvider tokens = new AiobTokenProvider(Wiring.of(
            AiobSettings.from(new StubConfig(Map.of(AiobConfigKeys.URL, "http://localhost:9080/aiob"))),
            () -> {
                fetches.incrementAndGet();
                RuntimeException failure = fetchFailures.poll();
                if (failure != null) {
                    throw failure;
                }
                return new TokenGrant("token-" + fetches.get(), Duration.ofMinutes(60));
            }, Runnable::run, (task, delay) -> new CompletableFuture<>(), TokenEvents.NONE));
    private final AiobReauthInterceptor interceptor = new AiobReauthInterceptor();

    AiobReauthInterceptorTest() {
        interceptor.tokens = tokens;
        interceptor.executor = Stubs.answering(ManagedExecutorService.class, Map.of("execute", args -> {
            ((Runnable) args[0]).run();
            return null;
        }));
    }

    @Test
    void callThatSucceeds_isNotResent() throws Exception {
        ScriptedCall call = new ScriptedCall("ok");

        assertEquals("ok", interceptor.resendOnRejection(call.context()));

        assertEquals(1, call.proceeded());
    }

    @Test
    void rejectedCall_isResentWithTheNewToken_andTheCallerSeesItsAnswer() throws Exception {
        ScriptedCall call = new ScriptedCall(wrapped(rejectionOfTheCurrentToken()), "ok");

        assertEquals("ok", interceptor.resendOnRejection(call.context()));

        assertEquals(2, call.proceeded());
        assertEquals("token-2", tokens.token(), "the resend's token, from one more fetch");
        assertEquals(2, fetches.get());
    }

    @Test
    void rateLimitedRejection_isNotResent_andReachesTheCallerAsItIs() {
        tokens.token();
        AiobTokenRejectedException limited = rejection("token-1", TokenInvalidation.RATE_LIMITED);
        ScriptedCall call = new ScriptedCall(wrapped(limited), "never");

        assertSame(limited, assertThrows(AiobTokenRejectedException.class,
                () -> interceptor.resendOnRejection(call.context())));
        assertEquals(1, call.proceeded());
    }

    @Test
    void secondRejection_afterATokenFetchedForThisCall_failsSayingTwice() {
        AiobTokenRejectedException first = rejectionOfTheCurrentToken();
        ScriptedCall call = new ScriptedCall(wrapped(first), wrapped(rejection("token-2", TokenInvalidation.DROPPED)),
                "never");

        AiobTokenRejectedException thrown = assertThrows(AiobTokenRejectedException.class,
                () -> interceptor.resendOnRejection(call.context()));

        assertEquals(2, call.proceeded());
        assertTrue(thrown.getMessage().startsWith("AIOB rejected the token twice on this call: token "
                + Fingerprint.of("token-1")), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("A new token did not help: check that the access key may call this"
                + " API"), thrown.getMessage());
    }

    @Test
    void firstRejectionFoundTheTokenAlreadyReplaced_soASecondResendIsAllowed() throws Exception {
        tokens.token();
        AiobTokenRejectedException stale = rejection("token-0", TokenInvalidation.ALREADY_REPLACED);
        ScriptedCall call = new ScriptedCall(wrapped(stale), wrapped(rejection("token-1", TokenInvalidation.DROPPED)),
                "ok");
        // The second rejection dropped token-1, as the filter would have.
        call.beforeSecondProceed(() -> tokens.invalidate("token-1"));

        assertEquals("ok", interceptor.resendOnRejection(call.context()));

        assertEquals(3, call.proceeded());
    }

    @Test
    void replacementFetchFails_theCallerGetsThatFailure_notTheRejection() {
        AiobTokenRejectedException first = rejectionOfTheCurrentToken();
        AiobCredentialsRejectedException refused = new AiobCredentialsRejectedException(401,
                "accessKey or secretKey is invalid", "AIOB refused a token");
        fetchFailures.add(refused);
        ScriptedCall call = new ScriptedCall(wrapped(first), "never");

        assertSame(refused, assertThrows(AiobCredentialsRejectedException.class,
                () -> interceptor.resendOnRejection(call.context())));
        assertEquals(1, call.proceeded());
    }

    @Test
    void otherFailure_isRethrownUnchanged_withoutAResend() {
        IllegalStateException bug = new IllegalStateException("not ours");
        ScriptedCall call = new ScriptedCall(bug, "never");

        assertSame(bug, assertThrows(IllegalStateException.class, () -> interceptor.resendOnRejection(call.context())));
        assertEquals(1, call.proceeded());
    }

    @Test
    void completionStage_rejected_isResent_andTheStageCompletesWithTheAnswer() throws Exception {
        ScriptedCall call = new ScriptedCall(CompletableFuture.failedFuture(wrapped(rejectionOfTheCurrentToken())),
                CompletableFuture.completedFuture("ok"));

        Object result = interceptor.resendOnRejection(call.context());

        assertEquals("ok", ((CompletionStage<?>) result).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(2, call.proceeded());
    }

    @Test
    void completionStage_rejectedTwice_failsTheStageSayingSo() {
        ScriptedCall call = new ScriptedCall(CompletableFuture.failedFuture(wrapped(rejectionOfTheCurrentToken())),
                CompletableFuture.failedFuture(rejection("token-2", TokenInvalidation.DROPPED)));

        CompletionStage<?> result = (CompletionStage<?>) assertDoesNotThrow(call);

        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> result.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(thrown.getCause().getMessage().startsWith("AIOB rejected the token twice"),
                thrown.getCause().getMessage());
    }

    private Object assertDoesNotThrow(ScriptedCall call) {
        try {
            return interceptor.resendOnRejection(call.context());
        } catch (Exception e) {
            throw new AssertionError("the stage, not the call, carries the failure", e);
        }
    }

    /** Gets token-1, and has AIOB's rejection of it drop it, as the filter does. */
    private AiobTokenRejectedException rejectionOfTheCurrentToken() {
        tokens.token();
        return rejection("token-1", tokens.invalidate("token-1"));
    }

    private static AiobTokenRejectedException rejection(String token, TokenInvalidation outcome) {
        return new AiobTokenRejectedException("AIOB rejected token " + Fingerprint.of(token) + ": HTTP 401; "
                + outcome.description(), Fingerprint.of(token), 401, null, null, outcome);
    }

    /** As the rest client wraps what its filter threw. */
    private static ProcessingException wrapped(AiobTokenRejectedException rejection) {
        return new ProcessingException(rejection);
    }

    /** A rest client call whose attempts answer, or throw, one after the other as scripted. */
    private static final class ScriptedCall {

        private final Deque<Object> outcomes;
        private final AtomicInteger proceeded = new AtomicInteger();
        private Runnable beforeSecond = () -> { };

        ScriptedCall(Object... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        void beforeSecondProceed(Runnable action) {
            beforeSecond = action;
        }

        int proceeded() {
            return proceeded.get();
        }

        InvocationContext context() {
            return Stubs.answering(InvocationContext.class, Map.of("proceed", args -> {
                if (proceeded.incrementAndGet() == 2) {
                    beforeSecond.run();
                }
                Object outcome = outcomes.poll();
                if (outcome instanceof RuntimeException failure) {
                    throw failure;
                }
                return outcome;
            }));
        }
    }
}
