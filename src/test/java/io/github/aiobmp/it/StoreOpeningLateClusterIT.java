package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Three demo servers whose token store opens only after each of them fetched its own token: with
 * {@code aiob.token-store.open-timeout} at 1 ms their prefetches do not wait for the embedded
 * members, which take seconds to join. As soon as the store opens they converge on the newest of
 * the tokens, without another getToken; {@code bin/demo-cluster start} returns only then.
 * <p>
 * The servers start at once and demo-1 hosts the simulator: a server whose prefetch runs before
 * the simulator answers fetches nothing, and takes the token once the store opens. A start in which
 * fewer than two servers fetched a token of their own does not set up the convergence, and is
 * started again; what must hold of every start is checked on each.
 */
class StoreOpeningLateClusterIT {

    private static final int SERVERS = 3;
    private static final int STARTS = 3;

    @Test
    void serversThatFetchedBeforeTheStoreOpened_convergeOnTheNewestToken_withoutAnotherGetToken() throws Exception {
        for (int start = 1; ; start++) {
            try (DemoCluster cluster = new DemoCluster(SERVERS, Map.of("AIOB_TOKEN_STORE_OPEN_TIMEOUT", "1ms"))) {
                cluster.start();
                long getTokens = cluster.tokenRequests();
                Thread.sleep(3000);

                String token = cluster.fingerprint(0);
                double fetched = 0;
                double requests = 0;
                double fallbacks = 0;
                double adopted = 0;
                double published = 0;
                for (int server = 0; server < SERVERS; server++) {
                    assertEquals(token, cluster.fingerprint(server), "demo-" + (server + 1) + " shows another token");
                    assertConnectedSoon(cluster, server);
                    fetched += cluster.metric(server, "aiob_token_fetches_total", "outcome=\"success\"");
                    requests += cluster.metric(server, "aiob_token_gettoken_requests_total", "aiob-mp");
                    fallbacks += cluster.metric(server, "aiob_token_store_fallbacks_total", "aiob-mp");
                    adopted += cluster.metric(server, "aiob_token_store_reconciliations_total", "outcome=\"adopted\"");
                    published += cluster.metric(server, "aiob_token_store_reconciliations_total",
                            "outcome=\"published\"");
                }
                assertEquals(getTokens, cluster.tokenRequests(),
                        () -> "getToken calls once the servers showed one token" + cluster.warnings());
                // A getToken attempt given up on, and tried again, counts as a request but obtains nothing.
                assertEquals(getTokens, (long) requests, () -> "getToken requests the servers count, against the"
                        + " simulator's count" + cluster.warnings());
                assertTrue(fetched <= requests, "tokens obtained: " + fetched + ", of " + requests + " requests");
                if (fetched < 2) {
                    assertTrue(start < STARTS, () -> "in " + STARTS + " starts, never did two servers fetch a token"
                            + " before the store opened" + cluster.warnings());
                    continue;
                }
                assertTrue(fallbacks >= fetched, "fetches made before the store opened: " + fallbacks);
                assertTrue(adopted >= fetched - 1, "servers that took a newer token than their own: " + adopted);
                assertTrue(published >= 1, "servers that shared their own: " + published);
                return;
            }
        }
    }

    /** A store operation that timed out on a busy machine shows as degraded until the next probe, 5 s on. */
    private static void assertConnectedSoon(DemoCluster cluster, int server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String readiness = cluster.readiness(server);
        while (!readiness.contains("\"tokenStore\":\"connected\"") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            readiness = cluster.readiness(server);
        }
        assertTrue(readiness.contains("\"tokenStore\":\"connected\""), readiness);
    }
}
