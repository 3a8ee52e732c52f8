/**
 * The service provider interface of the component: what another module implements to plug in.
 * {@link io.github.aiobmp.auth.spi.TokenStore} is where a cluster's servers share their token;
 * {@link io.github.aiobmp.auth.spi.TokenStoreFactory} opens one, chosen by
 * {@code aiob.token-store}. The {@code cluster} jar implements both on JCache.
 */
package io.github.aiobmp.auth.spi;
