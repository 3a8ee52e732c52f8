package io.github.aiobmp.auth.internal.share;

import static io.github.aiobmp.auth.internal.share.Waits.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.cache.CacheManager;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.HazelcastInstance;

import io.github.aiobmp.testing.LogRecorder;
import io.github.aiobmp.auth.AiobClusterSplitException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.TokenStoreState;
import io.github.aiobmp.cluster.HazelcastMembers;
import io.github.aiobmp.health.Readiness;

/**
 * A server on the side of a split cluster without quorum yields, on three real Hazelcast members
 * whose caches need two of them (split-brain protection): once the other two members are gone its
 * store refuses every operation, and it fetches no token, serves none, and is not ready, saying why;
 * once members are back, it serves again, takes the cluster's token, and says so once.
 */
class YieldWithoutQuorumTest {

    private final HazelcastMembers hazelcast = new HazelcastMembers(2);
    private final SharedAiob aiob = new SharedAiob();
    private final List<SharingServer> servers = new ArrayList<>();
    private LogRecorder log;

    @BeforeEach
    void record() {
        log = new LogRecorder(BoundedTokenStore.class);
    }

    @AfterEach
    void stop() {
        log.close();
        servers.forEach(SharingServer::close);
        hazelcast.close();
    }

    private SharingServer start(CacheManager member) {
        return start(SharingServer.on(member, "yield", aiob).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "200ms"));
    }

    private SharingServer start(SharingServer.Builder builder) {
        SharingServer server = builder.start();
        servers.add(server);
        return server;
    }

    @Test
    void serverWithoutQuorum_fetchesNoTokenAndServesNone_isNotReady_andServesAgainOnceMembersAreBack() {
        HazelcastInstance kept = hazelcast.start();
        HazelcastInstance second = hazelcast.start();
        HazelcastInstance third = hazelcast.start();
        CacheManager onKept = hazelcast.cacheManager(kept);
        SharingServer a = start(onKept);
        String first = a.token();
        assertEquals(aiob.token(1), first);

        hazelcast.shutDown(second);
        hazelcast.shutDown(third);
        awaitTrue(() -> a.storeState() == TokenStoreState.YIELDING, "server a yields (its poll finds no quorum)");

        // Its calls fail at once, typed and saying why, whether it holds a token or must fetch one.
        long started = System.nanoTime();
        AiobClusterSplitException refused = assertThrows(AiobClusterSplitException.class, a::token);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 500, "not at once");
        assertTrue(refused.getMessage().startsWith("The cluster is split, and this server is on the side without"
                + " quorum"), refused.getMessage());
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first), "AIOB rejected it: it is useless");
        assertThrows(AiobClusterSplitException.class, a::token);
        SharingServer late = start(onKept);
        assertThrows(AiobClusterSplitException.class, late::token, "a server without a token must not fetch one");
        assertThrows(AiobClusterSplitException.class, () -> late.cache().token(), "its fetch must fail, typed");
        assertEquals(1, aiob.calls(), "a server without quorum called getToken");
        assertEquals(0, a.events().count("fetchedWithoutStore") + late.events().count("fetchedWithoutStore"));
        assertTrue(a.events().count("storeRefusedNoQuorum") > 0 && late.events().count("storeRefusedNoQuorum") > 0,
                "the metrics count the refusals");

        HealthCheckResponse readiness = Readiness.of(a.wiring());
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.getStatus());
        assertEquals(refused.getMessage().substring(0, 60),
                ((String) readiness.getData().orElseThrow().get("reason")).substring(0, 60));
        assertEquals("yielding", readiness.getData().orElseThrow().get("tokenStore"));
        assertEquals(2, warningsThatSay("the side without quorum"), "one WARNING per server: " + log.warnings());

        hazelcast.start();
        hazelcast.start();
        awaitTrue(() -> a.storeState() == TokenStoreState.CONNECTED && late.storeState() == TokenStoreState.CONNECTED,
                "both servers answer again");
        String replaced = a.token();
        assertEquals(aiob.token(2), replaced, "the rejected token is replaced, by one getToken");
        awaitTrue(() -> aiob.token(2).equals(tokenOrNull(late)), "the other server takes that token");
        assertEquals(HealthCheckResponse.Status.UP, Readiness.of(a.wiring()).getStatus());
        assertEquals(2, log.infos().stream().filter(line -> line.contains("has quorum again")).count(),
                "one INFO per server: " + log.infos());
        assertEquals(2, warningsThatSay("the side without quorum"));
        assertEquals(2, aiob.calls());
    }

    @Test
    void yieldingServerWhoseStoreStopsAnswering_goesOnYielding_andNeverFetchesAlone() throws Exception {
        HazelcastInstance kept = hazelcast.start();
        HazelcastInstance second = hazelcast.start();
        SharingServer a = start(SharingServer.on(hazelcast.cacheManager(kept), "yield", aiob)
                .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "200ms")
                .with(AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "10ms").with(AiobConfigKeys.FAILURE_BACKOFF_MAX, "20ms"));
        hazelcast.shutDown(second);
        awaitTrue(() -> a.storeState() == TokenStoreState.YIELDING, "server a yields");

        // Not answering says nothing of quorum: probes that fail otherwise must not turn it into "fetch alone".
        a.store().mode(StoreSwitch.Mode.FAIL);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 * SharingServer.RETRY_DEGRADED_EVERY.toMillis());
        while (System.nanoTime() < until) {
            assertThrows(AiobClusterSplitException.class, () -> a.cache().token());
            Thread.sleep(20);
        }

        assertEquals(TokenStoreState.YIELDING, a.storeState());
        assertEquals(0, aiob.calls(), "a yielding server fetched alone when its store failed otherwise");
        assertEquals(0, a.events().count("fetchedWithoutStore"));
        assertEquals(List.of(), log.warnings().stream().filter(line -> line.contains("fetches its own tokens")).toList());
        a.store().mode(StoreSwitch.Mode.ANSWER);
    }

    @Test
    void rejectionThatTheRateLimitKeeps_asksTheStore_soThatAServerWithoutQuorumYieldsAtOnce() throws Exception {
        HazelcastInstance kept = hazelcast.start();
        HazelcastInstance second = hazelcast.start();
        HazelcastInstance third = hazelcast.start();
        // No poll, and forced refreshes at most one an hour: only the rejection can ask the store.
        SharingServer a = start(SharingServer.on(hazelcast.cacheManager(kept), "yield", aiob)
                .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s").with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "1h")
                .with(AiobConfigKeys.CONTENTION_BACKOFF_MAX, "1h"));
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(a.token()));
        String secondToken = a.token();
        hazelcast.shutDown(second);
        hazelcast.shutDown(third);
        awaitTrue(() -> kept.getCluster().getMembers().size() == 1, "the other members are gone");
        assertEquals(TokenStoreState.CONNECTED, a.storeState(), "nothing has asked the store yet");

        // The other side's getToken revoked it; the rate limit keeps it, but the store is asked. All the
        // callers that were sent it are rejected at once.
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CyclicBarrier together = new CyclicBarrier(callers);
            List<Future<TokenInvalidation>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    together.await();
                    return a.cache().invalidate(secondToken);
                }));
            }
            for (Future<TokenInvalidation> outcome : outcomes) {
                assertEquals(TokenInvalidation.RATE_LIMITED, outcome.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        awaitTrue(() -> a.storeState() == TokenStoreState.YIELDING, "the rejection finds out the lost quorum");
        assertThrows(AiobClusterSplitException.class, a::token);
        assertEquals(2, aiob.calls());
    }

    @Test
    void rejectionThatTheRateLimitKeeps_asksADegradedStoreToo_atMostOnceASecond() throws Exception {
        HazelcastInstance kept = hazelcast.start();
        HazelcastInstance second = hazelcast.start();
        HazelcastInstance third = hazelcast.start();
        // A degraded store is tried again only after an hour: only the rejection's ask can reach it.
        SharingServer a = start(SharingServer.on(hazelcast.cacheManager(kept), "yield", aiob)
                .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s").with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "1h")
                .with(AiobConfigKeys.CONTENTION_BACKOFF_MAX, "1h").retryDegradedEvery(Duration.ofHours(1)));
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(a.token()));
        String secondToken = a.token();

        // The cut times the store's operations out before the member finds itself alone.
        a.store().mode(StoreSwitch.Mode.FAIL);
        assertEquals(TokenInvalidation.RATE_LIMITED, a.cache().invalidate(secondToken));
        awaitTrue(() -> a.storeState() == TokenStoreState.DEGRADED, "the rejection's ask finds the store failing");
        a.store().mode(StoreSwitch.Mode.ANSWER);
        hazelcast.shutDown(second);
        hazelcast.shutDown(third);
        awaitTrue(() -> kept.getCluster().getMembers().size() == 1, "the other members are gone");
        assertEquals(TokenInvalidation.RATE_LIMITED, a.cache().invalidate(secondToken));
        Thread.sleep(300);
        assertEquals(TokenStoreState.DEGRADED, a.storeState(), "asked again within the second");

        Thread.sleep(1000);
        assertEquals(TokenInvalidation.RATE_LIMITED, a.cache().invalidate(secondToken));
        awaitTrue(() -> a.storeState() == TokenStoreState.YIELDING, "a kept rejection asks even a degraded store");
        assertThrows(AiobClusterSplitException.class, a::token);
        assertEquals(2, aiob.calls());
    }

    /** A failure the cache remembers from while it yielded may stand until the store's token is taken. */
    private static String tokenOrNull(SharingServer server) {
        try {
            return server.token();
        } catch (AiobClusterSplitException e) {
            return null;
        }
    }

    private long warningsThatSay(String text) {
        return log.warnings().stream().filter(line -> line.contains(text)).count();
    }
}
