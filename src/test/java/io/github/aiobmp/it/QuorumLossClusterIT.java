package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three demo servers, whose grants cache {@code bin/demo-cluster} puts under split-brain
 * protection (a quorum of two): with the JVMs of demo-2 and demo-3 frozen, demo-1's member is alone
 * once it drops them (after about 10 s), and demo-1 yields: its calls are refused at once with a
 * 503 that says the cluster is split, its readiness is DOWN with {@code "tokenStore":"yielding"},
 * and it calls no getToken. Thawed, the members merge, and demo-1 serves the cluster's token again,
 * readiness UP, still without a getToken. Frozen JVMs take the majority away on any machine;
 * {@link PartitionClusterIT} cuts the network, where it may.
 */
class QuorumLossClusterIT {

    private static final int SERVERS = 3;
    private static final long DEADLINE_SECONDS = 90;

    private static DemoCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        // Finding out by the poll: every 2 s rather than 30.
        cluster = new DemoCluster(SERVERS, Map.of("AIOB_TOKEN_STORE_POLL_INTERVAL", "2s")).start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void serverCutOffFromTheMajority_refusesItsCallsAndIsNotReady_andServesTheSameTokenOnceHealed() throws Exception {
        assertTrue(cluster.call(0).succeeded());
        String token = cluster.fingerprint(0);
        long getTokens = cluster.tokenRequests();
        // A member that started before a majority of the others ran yielded then too: not counted here.
        int linesBefore = cluster.logLines(0).size();

        cluster.freeze(1, true);
        cluster.freeze(2, true);
        try {
            await(() -> readiness().contains("\"tokenStore\":\"yielding\""), "demo-1 yields");
            String down = readiness();
            assertTrue(down.contains("\"status\":\"DOWN\"") && down.contains("The cluster is split"), down);
            long start = System.nanoTime();
            DemoCluster.CallResult refused = cluster.call(0);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, refused.status(), refused.toString());
            assertTrue(refused.body().contains("\"error\":\"The cluster is split, and this server is on the side"
                    + " without quorum\""), refused.body());
            assertTrue(took < 1000, "refused after " + took + " ms");
            assertTrue(cluster.metric(0, "aiob_token_store_operations_total", "outcome=\"no_quorum\"") > 0);
            assertEquals(getTokens, cluster.tokenRequests(), () -> "getToken on the side without quorum"
                    + cluster.warnings());
        } finally {
            cluster.freeze(1, false);
            cluster.freeze(2, false);
        }

        await(() -> readiness().contains("\"status\":\"UP\""), "demo-1 answers again once the members merged");
        assertTrue(cluster.call(0).succeeded());
        assertEquals(token, cluster.fingerprint(0));
        assertEquals(getTokens, cluster.tokenRequests(), cluster::warnings);
        List<String> since = cluster.logLines(0).subList(linesBefore, cluster.logLines(0).size());
        assertEquals(1, since.stream().filter(line -> line.contains(" W The AIOB token store refused to")).count(),
                () -> "one WARNING as the yield starts: " + since);
        assertEquals(1, since.stream().filter(line -> line.contains(" I The AIOB token store answers again: this"
                + " server's side of the cluster has quorum again")).count(), () -> "one INFO as it ends: " + since);
    }

    private static String readiness() {
        try {
            return cluster.readinessUpOrDown(0);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + DEADLINE_SECONDS + " s: " + what + "; "
                    + readiness() + cluster.warnings());
            Thread.sleep(500);
        }
    }
}
