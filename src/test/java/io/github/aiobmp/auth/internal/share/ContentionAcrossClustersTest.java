package io.github.aiobmp.auth.internal.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.cache.CacheManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.cluster.HazelcastMembers;
import io.github.aiobmp.testing.LogRecorder;

/**
 * Two clusters that cannot see each other fetch with one Access Key, as the two sides of a split
 * brain or two deployments do: each real Hazelcast member holds its side's token store, and AIOB
 * honours only the newest token, so that each side's getToken revokes the other's token. With
 * contention detected, each side backs off and the key costs far fewer getTokens than without.
 */
class ContentionAcrossClustersTest {

    private static final long FIGHT_MILLIS = 8000;
    private static final HazelcastMembers LEFT = new HazelcastMembers();
    private static final HazelcastMembers RIGHT = new HazelcastMembers();
    private static final List<CacheManager> SIDES = new ArrayList<>();
    private static int tests;

    private final SharedAiob aiob = new SharedAiob();
    private final List<SharingServer> servers = new ArrayList<>();
    private LogRecorder log;

    @BeforeAll
    static void startMembers() {
        SIDES.add(LEFT.cacheManager(LEFT.start()));
        SIDES.add(RIGHT.cacheManager(RIGHT.start()));
    }

    @AfterAll
    static void stopMembers() {
        LEFT.close();
        RIGHT.close();
    }

    @AfterEach
    void stopServers() {
        log.close();
        servers.forEach(SharingServer::close);
        servers.clear();
    }

    /** A server on each side, each side's store its own; forced refreshes at most every 200 ms. */
    private List<SharingServer> twoSides(String rejections) {
        log = new LogRecorder(TokenCache.class);
        String caches = "contention-" + ++tests;
        for (CacheManager side : SIDES) {
            servers.add(SharingServer.on(side, caches, aiob)
                    .with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "200ms")
                    .with(AiobConfigKeys.CONTENTION_REJECTIONS, rejections)
                    .with(AiobConfigKeys.CONTENTION_BACKOFF_MAX, "2s").start());
        }
        return List.copyOf(servers);
    }

    /**
     * Calls on both sides, every 20 ms, for the fight's length: a call whose token is not AIOB's
     * newest is rejected. Returns how many getTokens the key cost.
     */
    private int fight(List<SharingServer> sides) throws InterruptedException {
        int before = aiob.calls();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIGHT_MILLIS);
        while (System.nanoTime() < end) {
            for (SharingServer side : sides) {
                try {
                    String token = side.cache().token();
                    if (!token.equals(aiob.token(aiob.calls()))) {
                        side.cache().invalidate(token);
                    }
                } catch (AiobException e) {
                    // no token in time: a failed call, as the fight makes them
                }
            }
            Thread.sleep(20);
        }
        return aiob.calls() - before;
    }

    @Test
    void twoSidesOfOneKey_detectContention_andBackOff_costingFarFewerGetTokensThanWithout() throws Exception {
        int unguarded = fight(twoSides("0"));
        stopServers();
        List<SharingServer> guarded = twoSides("2");

        int contended = fight(guarded);

        for (SharingServer side : guarded) {
            assertTrue(side.cache().contentionSince().isPresent(), "a side did not see the contention: " + contended
                    + " getTokens (without: " + unguarded + "); " + log.warnings());
        }
        assertEquals(2, log.warnings().stream().filter(w -> w.contains("another fetcher uses the same Access Key"))
                .count(), "one WARNING on each side: " + log.warnings());
        // Without: a getToken per side every 200 ms or so; with: steps of 0.2, 0.4, 0.8, 1.6 s, then 1–2 s.
        assertTrue(unguarded >= 40, "without contention detection the fight cost only " + unguarded + " getTokens");
        assertTrue(contended * 2 <= unguarded, "getTokens with contention detection: " + contended + ", without: "
                + unguarded);
    }

    @Test
    void rejectionsOfTokensTheClusterHadAlreadyReplaced_areNoContention() {
        log = new LogRecorder(TokenCache.class);
        String caches = "contention-" + ++tests;
        SharingServer refresher = SharingServer.on(SIDES.get(0), caches, aiob)
                .with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s").start();
        // Never told of the refresher's tokens: it learns of each from AIOB's rejection of the one before.
        SharingServer late = SharingServer.on(SIDES.get(0), caches, aiob)
                .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s").refuseListeners().start();
        servers.addAll(List.of(refresher, late));

        for (int refresh = 0; refresh < 4; refresh++) {
            String old = late.cache().token();
            assertEquals(old, refresher.cache().token());
            refresher.cache().invalidate(old); // the cluster's own refresh, which revokes the old token
            refresher.cache().token();

            assertEquals(TokenInvalidation.ALREADY_REPLACED, late.cache().invalidate(old));
        }

        assertEquals(5, aiob.calls());
        assertTrue(late.cache().contentionSince().isEmpty(), "the cluster's own refreshes were taken for contention");
    }
}
