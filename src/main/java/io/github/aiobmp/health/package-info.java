/**
 * The component's MicroProfile Health readiness check ({@code aiob-token}), in the
 * {@code observability} jar: {@link io.github.aiobmp.health.AiobTokenReadinessCheck}.
 */
package io.github.aiobmp.health;
