package io.github.aiobmp.simulator;

import java.util.List;

/**
 * The answer of {@code GET control/stats}.
 *
 * @param tokenRequests  getToken calls received, failed and malformed ones included
 * @param apiRequests    realtime-call and robot-list calls received
 * @param apiTokenRejections those of them answered with a rejection of their token
 * @param authorizations the Authorization headers of the most recent API calls, oldest first,
 *                       null where a call had none
 * @param issuedTokens   every token issued since the last reset, oldest first
 */
public record SimulatorStats(int tokenRequests, int apiRequests, int apiTokenRejections, List<String> authorizations,
        List<String> issuedTokens) {
}
