/**
 * Identifying a secret without revealing it: {@link io.github.aiobmp.auth.internal.secret.Fingerprint}.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.secret;
