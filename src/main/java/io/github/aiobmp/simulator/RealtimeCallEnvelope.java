package io.github.aiobmp.simulator;

import java.util.UUID;

/** The answer of {@code POST /api/v3/console/realtime/status/create} when the call was placed. */
public record RealtimeCallEnvelope(long time, int code, String msg, String requestId, RealtimeCallData data) {

    static RealtimeCallEnvelope placed() {
        return new RealtimeCallEnvelope(System.currentTimeMillis(), 200, "OK", UUID.randomUUID().toString(),
                new RealtimeCallData(UUID.randomUUID().toString()));
    }
}
