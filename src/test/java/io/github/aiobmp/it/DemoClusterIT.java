package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Two demo servers in their own JVMs, started by {@code bin/demo-cluster} with embedded Hazelcast
 * members, against the first server's simulator set so that every new token revokes the older
 * ones: one getToken for the cluster at a cold start under concurrent calls on both servers, one
 * re-authentication for the cluster after a revocation, the servers' getToken counters summing to
 * what the simulator counted over refreshes, a revocation and adoptions, and a server killed in the
 * middle of a getToken survived by the other within the lease's time. Black-box: HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoClusterIT {

    private static final int SERVERS = 2;
    private static final int CALLS_PER_SERVER = 50;
    /** The default aiob.token-store.lease. */
    private static final int LEASE_SECONDS = 5;

    private static DemoCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new DemoCluster(SERVERS, Map.of(
                // A cold start: no server fetches before the first calls.
                "AIOB_TOKEN_PREFETCH", "false",
                // A refresh exactly halfway through a one-minute token.
                "AIOB_TOKEN_REFRESH_JITTER", "0s",
                // The tests revoke young tokens again and again, as another fetcher of the key would: each
                // revocation must force its getToken, not a back-off (ContentionTest tests that).
                "AIOB_TOKEN_CONTENTION_REJECTIONS", "0")).start();
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
        assertEquals(1, cluster.tokenRequests(), () -> "getToken calls for the whole cluster" + cluster.warnings());
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
        assertEquals(before + 1, cluster.tokenRequests(),
                () -> "getToken calls for the cluster's re-authentication" + cluster.warnings());
        assertNotEquals(revoked, cluster.fingerprint(0));
        assertSameTokenOnEveryServer();
    }

    @Test
    @Order(3)
    void getTokenRequestsCountedByEachServer_sumToWhatTheSimulatorCounted_overRevocationsAndARefresh()
            throws Exception {
        cluster.faults("{\"expiresMinutes\":1}");
        // A rejection within aiob.token.reauth-min-interval (1 s) of the last forced refresh is rate-limited.
        Thread.sleep(1500);
        long before = cluster.tokenRequests();
        cluster.revokeAll();
        assertEquals(List.of(), failed(cluster.callEveryServerAtOnce(10)));
        assertEquals(before + 1, cluster.tokenRequests(),
                () -> "getToken calls for the revocation" + cluster.warnings());

        // The replacement lives a minute: refreshed once, at its half, while calls go on.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (cluster.tokenRequests() < before + 2 && System.nanoTime() < deadline) {
            assertEquals(List.of(), failed(cluster.callEveryServerAtOnce(1)));
            Thread.sleep(1000);
        }
        assertEquals(before + 2, cluster.tokenRequests(),
                () -> "getToken calls for the revocation and one refresh" + cluster.warnings());
        assertSameTokenOnEveryServer();
        // Back to long-lived tokens, through one more revocation: no refresh falls into the next test.
        cluster.faults("{\"expiresMinutes\":" + AiobSimulator.DEFAULT_EXPIRES_MINUTES + "}");
        Thread.sleep(1500);
        cluster.revokeAll();
        assertEquals(List.of(), failed(cluster.callEveryServerAtOnce(10)));
        assertEquals(before + 3, cluster.tokenRequests());

        double counted = 0;
        double adoptions = 0;
        for (int server = 0; server < SERVERS; server++) {
            counted += cluster.metric(server, "aiob_token_gettoken_requests_total", "aiob-mp");
            adoptions += cluster.metric(server, "aiob_token_adoptions_total", "aiob-mp");
        }
        assertEquals(cluster.tokenRequests(), (long) counted, "getToken requests the servers counted, summed");
        assertTrue(adoptions >= 4, "tokens taken from the store, one per getToken by the other server: " + adoptions);
    }

    @Test
    @Order(4)
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
