package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two demo servers in their own JVMs, started by {@code bin/demo-cluster} with embedded Hazelcast
 * members, against the first server's simulator set so that every new token revokes the older
 * ones: one getToken for the cluster at a cold start under concurrent calls on both servers, one
 * re-authentication for the cluster after a revocation, and a server killed in the middle of a
 * getToken survived by the other within the lease's lifetime. Black-box: HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoClusterIT {

    private static final int SERVERS = 2;
    private static final int CALLS_PER_SERVER = 50;
    /** At least getToken's worst case (9.6 s with the defaults), as the component checks. */
    private static final int LEASE_SECONDS = 10;

    private static DemoCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new DemoCluster(SERVERS, Map.of(
                // A cold start: no server fetches before the first calls.
                "AIOB_TOKEN_PREFETCH", "false",
                "AIOB_TOKEN_STORE_LEASE", LEASE_SECONDS + "s",
                // Callers outwait a lease whose holder died.
                "AIOB_TOKEN_MAX_WAIT", (LEASE_SECONDS + 10) + "s")).start();
        cluster.faults("{\"newTokenRevokesOlder\":true}");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void coldStart_underConcurrentCallsOnBothServers_makesOneGetTokenForTheCluster() throws Exception {
        assertEquals("none", cluster.fingerprint(0));
        assertEquals("none", cluster.fingerprint(1));

        List<DemoCluster.CallResult> results = cluster.callEveryServerAtOnce(CALLS_PER_SERVER);

        assertEquals(List.of(), failed(results));
        assertEquals(1, cluster.tokenRequests(), "getToken calls for the whole cluster");
        assertSameTokenOnEveryServer();
        for (int server = 0; server < SERVERS; server++) {
            assertTrue(cluster.readiness(server).contains("\"tokenStore\":\"connected\""), cluster.readiness(server));
            assertTrue(cluster.metric(server, "aiob_token_store_operations_total", "outcome=\"answered\"") > 0);
            assertEquals(0, cluster.metric(server, "aiob_token_store_fallbacks_total", "aiob-mp"));
        }
    }

    @Test
    @Order(2)
    void revocation_makesOneReauthenticationForTheCluster() throws Exception {
        cluster.callEveryServerAtOnce(1);
        long before = cluster.tokenRequests();
        String revoked = cluster.fingerprint(0);
        cluster.revokeAll();

        List<DemoCluster.CallResult> results = cluster.callEveryServerAtOnce(CALLS_PER_SERVER);

        assertEquals(List.of(), failed(results));
        assertEquals(before + 1, cluster.tokenRequests(), "getToken calls for the cluster's re-authentication");
        assertNotEquals(revoked, cluster.fingerprint(0));
        assertSameTokenOnEveryServer();
    }

    @Test
    @Order(3)
    void serverKilledInTheMiddleOfAGetToken_theOtherServesWithinTheLease() throws Exception {
        cluster.assertKilledMidGetTokenIsSurvived(1, 0, LEASE_SECONDS);
    }

    private static void assertSameTokenOnEveryServer() throws Exception {
        String first = cluster.fingerprint(0);
        assertNotEquals("none", first);
        for (int server = 1; server < SERVERS; server++) {
            assertEquals(first, cluster.fingerprint(server), "demo-" + (server + 1) + " shows another token");
        }
    }

    private static List<DemoCluster.CallResult> failed(List<DemoCluster.CallResult> results) {
        return results.stream().filter(result -> !result.succeeded()).toList();
    }
}
