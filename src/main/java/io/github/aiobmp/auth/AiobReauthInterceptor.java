package io.github.aiobmp.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Resends a rest client call once when {@link AiobAuthFilter} reports that AIOB rejected the
 * token. The rejected token is no longer the current one by then (this call or a concurrent one
 * dropped it), so the resent call carries the current token, or the one the single flight fetches.
 * When no other token can be had, the caller gets the reason: the fetch's own failure, or the
 * rejection itself when forced refreshes are rate-limited.
 *
 * <p>Liberty applies it to CDI-managed rest clients ({@code @Inject @RestClient}) only: a
 * {@code RestClientBuilder} client is not intercepted, so its rejected call fails, and its next
 * call carries the new token.
 */
@AiobReauthenticate
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class AiobReauthInterceptor {

    @Inject
    AiobTokenProvider tokens;

    /** Getting a new token may wait for the single flight: not on the HTTP client's I/O thread. */
    @Resource
    ManagedExecutorService executor;

    @AroundInvoke
    Object resendOnRejection(InvocationContext call) throws Exception {
        Object result;
        try {
            result = call.proceed();
        } catch (Exception e) {
            AiobTokenRejectedException rejected = AiobTokenRejectedException.in(e);
            if (rejected == null) {
                throw e;
            }
            return resend(call, rejected);
        }
        return result instanceof CompletionStage<?> stage ? resendAsync(call, stage) : result;
    }

    private Object resend(InvocationContext call, AiobTokenRejectedException first) throws Exception {
        tokens.replaceRejected(first);
        try {
            return call.proceed();
        } catch (Exception e) {
            AiobTokenRejectedException second = AiobTokenRejectedException.in(e);
            if (second == null) {
                throw e;
            }
            throw rejectedTwice(first, second);
        }
    }

    private CompletionStage<Object> resendAsync(InvocationContext call, CompletionStage<?> firstAttempt) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        firstAttempt.whenComplete((value, failure) -> {
            AiobTokenRejectedException first = AiobTokenRejectedException.in(failure);
            if (first == null) {
                settle(result, value, failure);
                return;
            }
            try {
                executor.execute(() -> resendAsync(call, first, result));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(first);
            }
        });
        return result;
    }

    private void resendAsync(InvocationContext call, AiobTokenRejectedException first, CompletableFuture<Object> result) {
        try {
            tokens.replaceRejected(first);
            ((CompletionStage<?>) call.proceed()).whenComplete((value, failure) -> {
                AiobTokenRejectedException second = AiobTokenRejectedException.in(failure);
                settle(result, value, second == null ? failure : rejectedTwice(first, second));
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    private static void settle(CompletableFuture<Object> result, Object value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private static AiobTokenRejectedException rejectedTwice(AiobTokenRejectedException first,
            AiobTokenRejectedException second) {
        return new AiobTokenRejectedException("AIOB rejected the token twice: token " + first.tokenFingerprint()
                + " (" + first.answer() + "), then token " + second.tokenFingerprint() + " ("
                + second.answer() + "; " + second.outcome().description() + "). A new token did not help: check"
                + " that the access key may call this API",
                second.tokenFingerprint(), second.httpStatus(), second.code(), second.aiobMessage(), second.outcome());
    }
}
