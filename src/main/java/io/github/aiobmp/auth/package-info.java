/**
 * The AIOB token component's public API: what an application touches.
 *
 * <ul>
 *   <li>{@link io.github.aiobmp.auth.AiobAuthFilter}: register it on your AIOB rest client; it
 *       attaches the token and recognises AIOB's rejection of it.</li>
 *   <li>{@link io.github.aiobmp.auth.AiobReauthenticate}: put it on that client to have a
 *       rejected call resent with a new token.</li>
 *   <li>{@link io.github.aiobmp.auth.AiobTokenProvider}: the application's token holder, to
 *       inject where you need the token or its status ({@link io.github.aiobmp.auth.TokenStatus},
 *       {@link io.github.aiobmp.auth.TokenState}, {@link io.github.aiobmp.auth.TokenInvalidation}).</li>
 *   <li>{@link io.github.aiobmp.auth.AiobException} and its subclasses, which say what failed
 *       and what to fix; {@link io.github.aiobmp.auth.CauseChain} finds one in a cause chain, and
 *       {@link io.github.aiobmp.auth.AiobExceptionMapper} answers it as JSON.</li>
 *   <li>{@link io.github.aiobmp.auth.AiobConfigKeys}: every configuration key, with its meaning.</li>
 *   <li>{@link io.github.aiobmp.auth.TokenEvents} and {@link io.github.aiobmp.auth.FetchOutcome}:
 *       what the token holder reports, for metrics.</li>
 * </ul>
 *
 * <p>Everything under {@code io.github.aiobmp.auth.internal} is the component's own, and may
 * change in any release.
 */
package io.github.aiobmp.auth;
