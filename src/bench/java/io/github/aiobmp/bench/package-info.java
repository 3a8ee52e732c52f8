/**
 * Benchmarks (docs/benchmarks.md), compiled only by the Maven profile {@code bench}: JMH
 * hot-path benchmarks ({@link io.github.aiobmp.bench.HotPathBenchmark}, reported by
 * {@link io.github.aiobmp.bench.JmhRatios}) and the refresh-under-contention harness
 * ({@link io.github.aiobmp.bench.RefreshContention}). {@link io.github.aiobmp.bench.Ours} is the
 * one place that builds the component's internals, as any internal caller would.
 */
package io.github.aiobmp.bench;
