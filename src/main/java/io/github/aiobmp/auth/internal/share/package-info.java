/**
 * One token for a cluster of servers: {@link io.github.aiobmp.auth.internal.share.TokenSharing}
 * runs the protocol (a lease for getToken, compare-and-set publishing, shared rejections, adoption
 * of grants published elsewhere) over a
 * {@link io.github.aiobmp.auth.internal.share.BoundedTokenStore}, which bounds every operation of
 * the configured {@link io.github.aiobmp.auth.spi.TokenStore}; grants travel sealed
 * ({@link io.github.aiobmp.auth.internal.share.SealedGrant}) under keys that hide the account
 * ({@link io.github.aiobmp.auth.internal.share.AccountKey}). {@link io.github.aiobmp.auth.internal.share.Sharing}
 * picks and checks the store from configuration.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.share;
