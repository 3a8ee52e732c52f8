/**
 * The component's settings: {@link io.github.aiobmp.auth.internal.settings.AiobSettings} reads and validates the keys of {@code AiobConfigKeys}; {@link io.github.aiobmp.auth.internal.settings.AiobDefaultsConfigSource} serves their defaults at the lowest ordinal.
 *
 * <p>Internal: not part of the component's API, and left out of its published javadoc. Types are
 * public only where Java needs it across the component's packages (a WAR has no module system).
 */
package io.github.aiobmp.auth.internal.settings;
