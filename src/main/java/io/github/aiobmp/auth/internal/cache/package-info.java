/**
 * The token cache: states, refresh ahead, single flight, remembered failures and bounded waits, in plain Java with an injected clock and scheduler. Entry point: {@link io.github.aiobmp.auth.internal.cache.TokenCache}, which fetches from a {@link io.github.aiobmp.auth.internal.cache.TokenSource} as its {@link io.github.aiobmp.auth.internal.cache.CachePolicy} says.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.cache;
