/**
 * How the filter recognises AIOB's rejection of a token in an HTTP 200 answer: {@link io.github.aiobmp.auth.internal.rejection.ResponseCode} reads the envelope's {@code code} from the start of the body without consuming it.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.rejection;
