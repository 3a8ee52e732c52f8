/**
 * AIOB's getToken, from the cache's point of view: {@link io.github.aiobmp.auth.internal.gettoken.RetriedTokenSource} (what the cache fetches from) runs attempts under the Fault Tolerance policy of {@code io.github.aiobmp.auth.TokenFetcher}, where the retries happen; each attempt is one {@link io.github.aiobmp.auth.internal.gettoken.TokenEndpoint} call, which sends {@link io.github.aiobmp.auth.internal.gettoken.AiobTokenClient}'s request and turns every answer into a grant or a typed exception. {@link io.github.aiobmp.auth.internal.gettoken.AttemptTimeout} is the per-attempt timeout the socket timeouts follow.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.gettoken;
