/**
 * Where a token may go: {@link io.github.aiobmp.auth.internal.destination.TokenDestinations} decides, per request, from {@code aiob.url} and {@code aiob.allowed-hosts}; {@link io.github.aiobmp.auth.internal.destination.DestinationMisses} says once when a client calls elsewhere.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.destination;
