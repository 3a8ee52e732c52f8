package io.github.aiobmp.auth.spi;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * Opens a {@link TokenStore}: registered through {@code META-INF/services}, chosen by its
 * {@link #name()} in {@code aiob.token-store}.
 */
public interface TokenStoreFactory {

    /**
     * @return the value of {@code aiob.token-store} that selects this store, e.g. {@code jcache}
     */
    String name();

    /**
     * Opens the store.
     *
     * @param config the application's configuration, for the store's own keys
     * @param lease  how long a lease lasts after it was taken or last renewed ({@code aiob.token-store.lease})
     * @return the store
     * @throws io.github.aiobmp.auth.AiobConfigurationException when the store cannot be opened as
     *                                                          configured, saying which key to fix
     */
    TokenStore open(Config config, Duration lease);
}
