package io.github.aiobmp.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on an AIOB rest client interface (or one of its methods) that registers
 * {@link AiobAuthFilter}: when AIOB rejects the token, the call is resent once with a new token,
 * and the caller sees the normal answer. Works for synchronous and {@code CompletionStage} methods.
 * A second rejection fails the call with an {@link AiobTokenRejectedException} that says so.
 *
 * <p>Resending repeats the request: use it on calls that are safe to repeat after AIOB refused
 * them, which a rejected token makes true for AIOB (it refuses before doing anything).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AiobReauthenticate {
}
