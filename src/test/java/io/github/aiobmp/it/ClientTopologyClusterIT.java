package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two demo servers as Hazelcast clients of two members in JVMs of their own, as a team with an
 * existing cluster runs them: the servers share one token through the clients; the members killed
 * with {@code kill -9} while calls run on both servers, and a revocation then, fail no call (each
 * server degrades once, with one WARNING, and fetches on its own); members started again are found
 * again (one INFO); and a server killed in the middle of a getToken is survived within the lease.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientTopologyClusterIT {

    private static final int SERVERS = 2;
    /** The default aiob.token-store.lease. */
    private static final int LEASE_SECONDS = 5;
    private static final int FIRST_MEMBER_PORT = 15801;
    private static final String CLUSTER_NAME = "aiob-client-it-" + UUID.randomUUID();
    private static final Path DIRECTORY = Path.of(System.getProperty("aiob.build.project-dir", "."))
            .resolve("target/cluster-it");

    private static HazelcastMemberProcesses members;
    private static DemoCluster cluster;

    @BeforeAll
    static void startMembersThenServers() throws Exception {
        members = new HazelcastMemberProcesses(DIRECTORY, CLUSTER_NAME, FIRST_MEMBER_PORT, 2).start();
        // Assigned only once started: a failed start cleans up after itself.
        cluster = new DemoCluster(SERVERS, Map.of(
                "AIOB_TOKEN_STORE_JCACHE_PROVIDER", "com.hazelcast.client.cache.HazelcastClientCachingProvider",
                "AIOB_TOKEN_STORE_JCACHE_URI", members.clientConfig().toUri().toString(),
                "AIOB_TOKEN_PREFETCH", "false",
                // The store is looked at every 2 s, so that its recovery shows soon.
                "AIOB_TOKEN_STORE_POLL_INTERVAL", "2s")).start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (members != null) {
                members.close();
            }
        }
    }

    @Test
    @Order(1)
    void serversAsClients_shareOneToken() throws Exception {
        List<DemoCluster.CallResult> results = cluster.callEveryServerAtOnce(20);

        assertEquals(List.of(), results.stream().filter(result -> !result.succeeded()).toList());
        assertEquals(1, cluster.tokenRequests(), () -> "getToken calls for the whole cluster" + cluster.warnings());
        assertEquals(cluster.fingerprint(0), cluster.fingerprint(1));
    }

    @Test
    @Order(2)
    void membersKilledWhileCallsRun_thenARevocation_failNoCall() throws Exception {
        List<DemoCluster.CallResult> results = new CopyOnWriteArrayList<>();
        AtomicBoolean calling = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(2 * SERVERS);
        for (int caller = 0; caller < 2 * SERVERS; caller++) {
            int server = caller % SERVERS;
            callers.execute(() -> {
                while (calling.get()) {
                    results.add(cluster.call(server));
                }
            });
        }
        Thread.sleep(2000);
        members.killAll();
        Thread.sleep(3000);
        // Each server needs a new token while the store is gone; no revocation war: newer tokens do not
        // revoke older ones here.
        cluster.revokeAll();
        Thread.sleep(5000);
        calling.set(false);
        callers.shutdown();
        assertTrue(callers.awaitTermination(2, TimeUnit.MINUTES));

        assertEquals(List.of(), results.stream().filter(result -> !result.succeeded()).toList(),
                "of " + results.size() + " calls");
        assertTrue(results.size() > 20, "only " + results.size() + " calls ran");
        for (int server = 0; server < SERVERS; server++) {
            assertEquals(1, degradations(server), "demo-" + (server + 1) + " logs one WARNING per degradation");
            String ready = cluster.readiness(server);
            assertTrue(ready.contains("\"status\":\"UP\"") && ready.contains("\"tokenStore\":\"degraded\""), ready);
            assertTrue(cluster.metric(server, "aiob_token_store_fallbacks_total", "aiob-mp") > 0);
            assertTrue(cluster.metric(server, "aiob_token_store_operations_total", "outcome=\"timed_out\"")
                    + cluster.metric(server, "aiob_token_store_operations_total", "outcome=\"failed\"") > 0);
        }
    }

    @Test
    @Order(3)
    void membersStartedAgain_areFoundAgain_withOneInfoPerServer() throws Exception {
        members = new HazelcastMemberProcesses(DIRECTORY, CLUSTER_NAME, FIRST_MEMBER_PORT, 2).start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int server = 0; server < SERVERS; server++) {
            while (count(server, "The AIOB token store answers again") == 0) {
                assertTrue(System.nanoTime() < deadline, "demo-" + (server + 1) + " never found the store again");
                Thread.sleep(500);
            }
            assertEquals(1, count(server, "The AIOB token store answers again"));
        }
    }

    @Test
    @Order(4)
    void serverKilledInTheMiddleOfAGetToken_theOtherServesWithinTheLease() throws Exception {
        cluster.faults("{\"newTokenRevokesOlder\":true}");

        cluster.assertKilledMidGetTokenIsSurvived(1, 0, LEASE_SECONDS);
    }

    private static long degradations(int server) throws Exception {
        return count(server, "The AIOB token store did not");
    }

    private static long count(int server, String text) throws Exception {
        return cluster.logLines(server).stream().filter(line -> line.contains(text)).count();
    }
}
