package io.github.aiobmp.simulator;

/** The {@code data} of a successful realtime call: the id of the call placed. */
public record RealtimeCallData(String memberId) {
}
