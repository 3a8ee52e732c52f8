/**
 * The component's MicroProfile Metrics, in the {@code observability} jar:
 * {@link io.github.aiobmp.metrics.AiobTokenMetrics}, a {@code TokenEvents} bean.
 */
package io.github.aiobmp.metrics;
