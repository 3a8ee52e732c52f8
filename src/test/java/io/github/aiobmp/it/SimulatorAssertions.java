package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.aiobmp.simulator.AiobSimulator;
import io.github.aiobmp.simulator.RecordedRequest;

/** What an in-container test expects its simulator to have seen. */
final class SimulatorAssertions {

    private SimulatorAssertions() {
    }

    /** One getToken, then one API call carrying exactly the token it issued, raw. */
    static void assertSentExactlyTheIssuedToken(AiobSimulator simulator) {
        List<RecordedRequest> received = simulator.apiRequests();
        assertEquals(1, received.size());
        assertEquals(1, simulator.issuedTokens().size());
        String issued = simulator.issuedTokens().get(0);
        assertEquals(issued, received.get(0).authorization(), "the raw token, no Bearer prefix");
        assertTrue(issued.startsWith("cc-api-auth-v2/"), issued);
        assertEquals(1, simulator.tokenRequestCount());
    }
}
