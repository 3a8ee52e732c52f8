/**
 * The benchmark WAR's endpoint for bench/e2e.sh: the same realtime call with and without the
 * filter ({@link io.github.aiobmp.bench.e2e.RealtimeCallBenchResource}).
 */
package io.github.aiobmp.bench.e2e;
