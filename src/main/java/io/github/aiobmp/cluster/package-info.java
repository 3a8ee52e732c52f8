/**
 * The token store on JCache (JSR-107), in the {@code cluster} jar: the servers of a cluster share
 * one AIOB token through a distributed cache they already run, such as Hazelcast. Select it with
 * {@code aiob.token-store=jcache}; {@link io.github.aiobmp.cluster.JCacheTokenStoreFactory} opens
 * a {@link io.github.aiobmp.cluster.JCacheTokenStore}. It uses the component's public SPI only.
 */
package io.github.aiobmp.cluster;
