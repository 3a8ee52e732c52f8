package io.github.aiobmp.auth;

import java.util.ArrayList;
import java.util.List;
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
 * rejection itself when forced refreshes are rate-limited. A call whose first rejection found the
 * token already replaced may be resent a second time: its first resend carried a token obtained
 * before its rejection, which the same revocation may have hit.
 *
 * <p>Liberty applies it to CDI-managed rest clients ({@code @Inject @RestClient}) only: a
 * {@code RestClientBuilder} client is not intercepted, so its rejected call fails, and its next
 * call carries the new token.
 */
@AiobReauthenticate
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
class AiobReauthInterceptor {

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
            AiobTokenRejectedException rejected = rejection(e);
            if (rejected == null) {
                throw e;
            }
            return resend(call, List.of(rejected));
        }
        return result instanceof CompletionStage<?> stage ? resendAsync(call, stage) : result;
    }

    private Object resend(InvocationContext call, List<AiobTokenRejectedException> rejections) throws Exception {
        tokens.replaceRejected(rejections.get(rejections.size() - 1));
        try {
            return call.proceed();
        } catch (Exception e) {
            AiobTokenRejectedException again = rejection(e);
            if (again == null) {
                throw e;
            }
            List<AiobTokenRejectedException> all = append(rejections, again);
            if (mayResendAgain(all)) {
                return resend(call, all);
            }
            throw rejectedAgain(all);
        }
    }

    private CompletionStage<Object> resendAsync(InvocationContext call, CompletionStage<?> firstAttempt) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        firstAttempt.whenComplete((value, failure) -> {
            AiobTokenRejectedException first = rejection(failure);
            if (first == null) {
                settle(result, value, failure);
                return;
            }
            resendAsync(call, List.of(first), result);
        });
        return result;
    }

    private void resendAsync(InvocationContext call, List<AiobTokenRejectedException> rejections,
            CompletableFuture<Object> result) {
        try {
            executor.execute(() -> {
                try {
                    tokens.replaceRejected(rejections.get(rejections.size() - 1));
                    ((CompletionStage<?>) call.proceed()).whenComplete((value, failure) -> {
                        AiobTokenRejectedException again = rejection(failure);
                        if (again == null) {
                            settle(result, value, failure);
                            return;
                        }
                        List<AiobTokenRejectedException> all = append(rejections, again);
                        if (mayResendAgain(all)) {
                            resendAsync(call, all, result);
                        } else {
                            result.completeExceptionally(rejectedAgain(all));
                        }
                    });
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(rejections.get(rejections.size() - 1));
        }
    }

    /**
     * A call is resent once. It is resent a second time only when its first rejection found the
     * token already replaced: then the first resend carried a token obtained before this call was
     * rejected, which the same revocation may have hit, and a token fetched now may still help.
     */
    private static boolean mayResendAgain(List<AiobTokenRejectedException> rejections) {
        return rejections.size() == 2 && rejections.get(0).outcome() == TokenInvalidation.ALREADY_REPLACED
                && rejections.get(1).outcome().resendMayHelp();
    }

    /** The filter's rejection, wrapped by the rest client; null when the call failed otherwise. */
    private static AiobTokenRejectedException rejection(Throwable failure) {
        return CauseChain.find(failure, AiobTokenRejectedException.class).orElse(null);
    }

    private static List<AiobTokenRejectedException> append(List<AiobTokenRejectedException> rejections,
            AiobTokenRejectedException again) {
        List<AiobTokenRejectedException> all = new ArrayList<>(rejections);
        all.add(again);
        return List.copyOf(all);
    }

    private static void settle(CompletableFuture<Object> result, Object value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private static AiobTokenRejectedException rejectedAgain(List<AiobTokenRejectedException> rejections) {
        StringBuilder message = new StringBuilder("AIOB rejected the token ")
                .append(rejections.size() == 2 ? "twice" : rejections.size() + " times").append(" on this call: ");
        for (int i = 0; i < rejections.size(); i++) {
            AiobTokenRejectedException rejection = rejections.get(i);
            message.append(i == 0 ? "token " : ", then token ").append(rejection.tokenFingerprint()).append(" (")
                    .append(rejection.answer()).append("; ").append(rejection.outcome().description()).append(")");
        }
        AiobTokenRejectedException last = rejections.get(rejections.size() - 1);
        if (last.outcome().resendMayHelp()) {
            message.append(". A new token did not help: check that the access key may call this API");
        }
        return new AiobTokenRejectedException(message.toString(), last.tokenFingerprint(), last.httpStatus(),
                last.code(), last.aiobMessage(), last.outcome());
    }
}
