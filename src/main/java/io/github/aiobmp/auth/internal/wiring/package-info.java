/**
 * What the token holder is made of, built together once from valid settings: {@link io.github.aiobmp.auth.internal.wiring.Wiring} (the cache, the getToken client, the credentials watch), for the CDI facade {@code AiobTokenProvider}.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.wiring;
