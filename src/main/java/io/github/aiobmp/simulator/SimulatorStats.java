package io.github.aiobmp.simulator;

import java.util.List;

/**
 * The answer of {@code GET control/stats}.
 *
 * @param tokenRequests  getToken calls received, failed and malformed ones included
 * @param apiRequests    realtime-call and robot-list calls received
 * @param authorizations the Authorization headers of the most recent API calls, oldest first,
 *                       null where a call had none
 */
public record SimulatorStats(int tokenRequests, int apiRequests, List<String> authorizations) {
}
