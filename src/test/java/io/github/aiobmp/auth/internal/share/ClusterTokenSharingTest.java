package io.github.aiobmp.auth.internal.share;

import static io.github.aiobmp.auth.internal.share.Waits.await;
import static io.github.aiobmp.auth.internal.share.Waits.awaitTrue;
import static io.github.aiobmp.auth.internal.share.Waits.holdUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.HazelcastInstance;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.cluster.HazelcastMembers;
import io.github.aiobmp.testing.LogRecorder;
import io.github.aiobmp.cluster.JCacheTokenStore;

/**
 * The sharing protocol between servers, each on its own member of a real three-member Hazelcast
 * cluster in this JVM: one getToken serves them all, at a cold start, at a refresh and after a
 * rejection, whatever the moment they all arrive at; a vanished lease holder, a store that throws
 * or hangs, and a server with other credentials are survived; the cache holds nothing secret.
 * Every race is held at its worst moment: getToken answers only once every other server is
 * provably waiting.
 */
class ClusterTokenSharingTest {

    private static final int SERVERS = 3;
    private static final int CALLERS_PER_SERVER = 8;
    
    private static final HazelcastMembers MEMBERS = new HazelcastMembers();
    private static final List<CacheManager> MANAGERS = new ArrayList<>();
    private static int tests;

    private final SharedAiob aiob = new SharedAiob();
    private final List<SharingServer> servers = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private LogRecorder log;
    private List<String> warnings;
    private List<String> infos;
    /** The caches of this test alone: a fresh store, as after a cluster restart. */
    private String caches;

    @BeforeAll
    static void startMembers() {
        for (int i = 0; i < SERVERS; i++) {
            MANAGERS.add(MEMBERS.cacheManager(MEMBERS.start()));
        }
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.close();
    }

    @BeforeEach
    void freshCaches() {
        caches = "sharing-" + ++tests;
        log = new LogRecorder(BoundedTokenStore.class);
        warnings = log.warnings();
        infos = log.infos();
    }

    @AfterEach
    void stopServers() {
        log.close();
        servers.forEach(SharingServer::close);
        callers.shutdownNow();
    }

    private SharingServer.Builder server(int member) {
        return SharingServer.on(MANAGERS.get(member % SERVERS), caches, aiob);
    }

    private SharingServer start(SharingServer.Builder builder) {
        SharingServer server = builder.start();
        servers.add(server);
        return server;
    }

    /** Starts a server on each member, with the same settings. */
    private List<SharingServer> startCluster(String... keyValues) {
        for (int i = 0; i < SERVERS; i++) {
            SharingServer.Builder builder = server(i);
            for (int k = 0; k < keyValues.length; k += 2) {
                builder.with(keyValues[k], keyValues[k + 1]);
            }
            start(builder);
        }
        return servers;
    }

    @RepeatedTest(5)
    void serversStartingTogetherWithZeroJitter_makeOneGetToken_andAllServeIt() throws Exception {
        List<SharingServer> cluster = startCluster();
        // getToken answers only when every other server lost the lease and all callers wait.
        aiob.duringFetch(() -> holdUntil(() -> serversThatLostTheLease() == SERVERS - 1 && allCallersWait()));

        List<String> tokens = onEveryServerAtOnce(server -> server.cache().token());

        assertEquals(1, aiob.calls(), "getToken calls for the whole cluster");
        assertTrue(tokens.stream().allMatch(aiob.token(1)::equals), "every caller on every server got token-1");
    }

    @Test
    void refreshFallingDueOnEveryServerAtOnce_makesOneGetToken() throws Exception {
        aiob.lifetime(Duration.ofSeconds(4));
        // STALE 2 s after the grant, at the same instant on every server: the jitter is zero.
        List<SharingServer> cluster = startCluster(AiobConfigKeys.REFRESH_AHEAD, "2s",
                AiobConfigKeys.EXPIRY_MARGIN, "0s");
        String first = cluster.get(0).cache().token();
        cluster.forEach(server -> assertServes(first, server));
        assertEquals(1, aiob.calls());
        List<String> servedDuringTheRefresh = new CopyOnWriteArrayList<>();
        aiob.duringFetch(() -> {
            holdUntil(() -> serversThatLostTheLease() == SERVERS - 1);
            cluster.forEach(server -> servedDuringTheRefresh.add(server.cache().token()));
        });

        for (SharingServer server : cluster) {
            awaitTrue(() -> !server.cache().token().equals(first), "the refresh reached every server");
        }
        assertEquals(Collections.nCopies(SERVERS, first), servedDuringTheRefresh,
                "servers that lost the lease keep serving their still-valid token");

        assertEquals(2, aiob.calls(), "getToken calls for the whole cluster, its refresh included");
        for (SharingServer server : cluster) {
            assertEquals(aiob.token(2), server.cache().token());
        }
    }

    @Test
    void tokenPublishedByAnotherServer_replacesAFreshOneThroughTheListener_withoutPolling() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();

        awaitTrue(() -> b.cache().token().equals(second), "server b took server a's new token");
        assertEquals(2, aiob.calls());
    }

    @Test
    void storeWithoutChangeNotifications_isPolled_andSaysSo() throws Exception {
        SharingServer a = start(server(0));
        SharingServer b = start(server(1).refuseListeners().with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "200ms"));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());

        a.cache().invalidate(first);
        String second = a.cache().token();

        awaitTrue(() -> b.cache().token().equals(second), "server b polled server a's new token");
        assertEquals(2, aiob.calls());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("sends no change notifications")
                && w.contains("next poll")), warnings.toString());
    }

    @RepeatedTest(10)
    void rejectionOnEveryServerAtOnce_makesOneReplacement_whichAllServe() throws Exception {
        List<SharingServer> cluster = startCluster();
        String rejected = cluster.get(0).cache().token();
        cluster.forEach(server -> assertServes(rejected, server));
        aiob.duringFetch(() -> holdUntil(this::allCallersWait));
        List<TokenInvalidation> outcomes = new CopyOnWriteArrayList<>();

        List<String> tokens = onEveryServerAtOnce(server -> {
            outcomes.add(server.cache().invalidate(rejected));
            return server.cache().token();
        });

        assertEquals(2, aiob.calls(), "getToken calls for the whole cluster, its replacement included");
        assertTrue(tokens.stream().allMatch(aiob.token(2)::equals), "every caller on every server got the replacement");
        assertTrue(outcomes.contains(TokenInvalidation.DROPPED), outcomes.toString());
        assertFalse(outcomes.contains(TokenInvalidation.RATE_LIMITED), outcomes.toString());
        for (SharingServer server : cluster) {
            assertTrue(server.store().removals() <= 1, "a server asked the store " + server.store().removals()
                    + " times to drop the token its " + CALLERS_PER_SERVER + " callers were refused");
        }
    }

    @Test
    void tokenRejectedOnOneServer_isNotHandedToAServerStartingBeforeItsReplacement() throws Exception {
        SharingServer a = start(server(0));
        String rejected = a.cache().token();
        CountDownLatch replacementAnswers = new CountDownLatch(1);
        aiob.duringFetch(() -> await(replacementAnswers));

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(rejected));
        Future<String> replacement = callers.submit(() -> a.cache().token());
        awaitTrue(() -> aiob.calls() == 2, "server a is fetching the replacement");
        SharingServer starting = start(server(1));
        Future<String> startingToken = callers.submit(() -> starting.cache().token());
        awaitTrue(() -> startingToken.isDone() || starting.store().leasesLost() > 0,
                "the starting server either took a token or waits for server a's");
        replacementAnswers.countDown();

        assertEquals(aiob.token(2), replacement.get(20, TimeUnit.SECONDS));
        assertEquals(aiob.token(2), startingToken.get(20, TimeUnit.SECONDS), "a server took the rejected token");
        assertEquals(2, aiob.calls());
    }

    @Test
    void tokenThisServerSawRejected_isNotTakenBackFromTheStore_whenItsRemovalFailed() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s"));
        String rejected = a.cache().token();
        a.store().failRemovals(true);

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(rejected));
        a.store().failRemovals(false);
        Thread.sleep(SharingServer.RETRY_DEGRADED_EVERY.toMillis() + 100);

        assertEquals(Optional.of(true), a.store().grant(AccountKey.of(SharingServer.URL,
                SharingServer.KEYS.accessKey())).map(sealed -> !sealed.isEmpty()), "the store still holds it");
        String next = a.cache().token();
        assertNotEquals(rejected, next, "the server took back the token AIOB rejected");
        assertEquals(aiob.token(2), next);
    }

    @Test
    void rejectionSoonAfterARefreshForcedOnAnotherServer_isRateLimitedForTheWholeCluster() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "3s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "3s"));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        long forcedAt = System.nanoTime();
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();
        awaitTrue(() -> b.cache().token().equals(second), "server b took the replacement");

        assertEquals(TokenInvalidation.RATE_LIMITED, b.cache().invalidate(second),
                "server b forced no refresh itself, but server a did a moment ago");
        assertEquals(second, b.cache().token());
        assertEquals(2, aiob.calls());

        long left = TimeUnit.SECONDS.toNanos(3) - (System.nanoTime() - forcedAt);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, left) + TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(TokenInvalidation.DROPPED, b.cache().invalidate(second));
        String third = b.cache().token();
        assertEquals(aiob.token(3), third);
    }

    @Test
    void leaseOfAServerThatVanishedMidGetToken_isWaitedOut_thenTheWaiterFetches() throws Exception {
        String account = AccountKey.of(SharingServer.URL, SharingServer.KEYS.accessKey());
        JCacheTokenStore direct = new JCacheTokenStore(MANAGERS.get(0), "grants-" + caches, "leases-" + caches,
                Duration.ofSeconds(2), () -> { });
        assertTrue(direct.acquireLease(account, "a-server-that-crashed"));
        long tookLease = System.nanoTime();
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_LEASE, "2s")
                .with(AiobConfigKeys.MAX_WAIT, "10s"));

        String token = b.cache().token();

        long waited = System.nanoTime() - tookLease;
        assertEquals(aiob.token(1), token);
        assertEquals(1, aiob.calls());
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(1500), "server b did not wait for the lease: "
                + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
    }

    @Test
    void leaseHeldLongerThanMaxWait_failsTheCallerWithinMaxWait_sayingWhy() {
        String account = AccountKey.of(SharingServer.URL, SharingServer.KEYS.accessKey());
        new JCacheTokenStore(MANAGERS.get(0), "grants-" + caches, "leases-" + caches, Duration.ofSeconds(20),
                () -> { }).acquireLease(account, "a-server-that-crashed");
        SharingServer b = start(server(1).with(AiobConfigKeys.MAX_WAIT, "1s"));

        long start = System.nanoTime();
        AiobUnavailableException failed = assertThrows(AiobUnavailableException.class, () -> b.cache().token());

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < 3000, "waited " + took + " ms for max-wait 1 s");
        assertTrue(failed.getMessage().contains("1000 ms"), failed.getMessage());
        assertEquals(0, aiob.calls());
    }

    @Test
    void storeThatThrows_degradesWithOneWarning_theServerFetchesAlone_andRecoversWithOneInfo() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s"));
        String first = a.cache().token();
        a.store().mode(StoreSwitch.Mode.FAIL);

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(second));

        assertEquals(List.of(aiob.token(2)), List.of(second));
        assertFalse(a.storeConnected());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the cache's members are gone")
                && warnings.get(0).contains("fetches its own tokens"), warnings.get(0));

        // The store answers again, still holding the first token, which AIOB rejected meanwhile.
        a.store().mode(StoreSwitch.Mode.ANSWER);
        Thread.sleep(SharingServer.RETRY_DEGRADED_EVERY.toMillis() + 100);
        String third = a.cache().token();

        assertNotEquals(first, third, "the server took back a token older than the one it served");
        assertEquals(aiob.token(3), third);
        assertTrue(a.storeConnected());
        assertEquals(1, infos.stream().filter(i -> i.contains("answers again")).count(), infos.toString());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void rejectionOfATokenFetchedAloneWhileTheStoreWasDown_dropsTheOlderSharedOne() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s"));
        String first = a.cache().token();
        a.store().mode(StoreSwitch.Mode.FAIL);
        a.cache().invalidate(first);
        String second = a.cache().token();
        a.store().mode(StoreSwitch.Mode.ANSWER);
        Thread.sleep(SharingServer.RETRY_DEGRADED_EVERY.toMillis() + 100);

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(second),
                "the shared token is older than the rejected one: nobody replaced it");
        String third = a.cache().token();

        assertEquals(aiob.token(3), third);
        SharingServer b = start(server(1));
        assertEquals(third, b.cache().token(), "the replacement was shared");
        assertEquals(3, aiob.calls());
    }

    @Test
    void storeThatHangs_holdsNoCallerLongerThanItsTimeout() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "200ms"));
        String first = a.cache().token();
        a.store().mode(StoreSwitch.Mode.HANG);

        long start = System.nanoTime();
        a.cache().invalidate(first);
        String second = a.cache().token();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(aiob.token(2), second);
        assertTrue(took < 2000, "a hanging store held the callers " + took + " ms");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("no answer within 200 ms")), warnings.toString());
        a.store().mode(StoreSwitch.Mode.ANSWER);
    }

    @Test
    void storeStillOpening_isWaitedForByEveryOperation_soTheServerTakesTheSharedToken() throws Exception {
        SharingServer a = start(server(0));
        String first = a.cache().token();
        CountDownLatch opens = new CountDownLatch(1);
        // The poll's read is the first operation to wait for the store; the caller's fetch comes second.
        SharingServer b = start(server(1).opensWhen(opens).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "20ms"));
        awaitTrue(() -> operationsWaitingForTheStoreToOpen() == 1, "the poll waits for the store to open");
        Future<String> caller = callers.submit(() -> b.cache().token());
        awaitTrue(() -> operationsWaitingForTheStoreToOpen() == 2 || caller.isDone(),
                "the caller's fetch waits for the store too");
        opens.countDown();

        assertEquals(first, caller.get(Waits.DEADLINE.toSeconds(), TimeUnit.SECONDS), "server b fetched a token of its own");
        assertEquals(1, aiob.calls());
        assertEquals(List.of(), warnings);
    }

    @Test
    void storeOpeningForLongerThanMaxWait_stillEndsInAGetToken_thatLaterCallsGet() throws Exception {
        CountDownLatch opens = new CountDownLatch(1);
        SharingServer a = start(server(0).opensWhen(opens).with(AiobConfigKeys.MAX_WAIT, "300ms"));

        AiobUnavailableException waited = assertThrows(AiobUnavailableException.class, () -> a.cache().token(),
                "the caller waits max-wait only");
        assertTrue(waited.getMessage().contains("the token store has not opened yet"), waited.getMessage());
        opens.countDown();

        awaitTrue(() -> aiob.calls() == 1, "the fetch went on once the store opened");
        assertEquals(aiob.token(1), a.cache().token());
        assertEquals(List.of(), warnings);
    }

    @Test
    void storeThatDoesNotOpenInTime_degradesWithOneWarning_andRecoversOnceOpen() throws Exception {
        CountDownLatch opens = new CountDownLatch(1);
        SharingServer a = start(server(0).opensWhen(opens).with(AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT, "300ms")
                .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "100ms"));

        long start = System.nanoTime();
        String alone = a.cache().token();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(aiob.token(1), alone);
        assertTrue(took < 2000, "a store that does not open held the first caller " + took + " ms");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("did not open within 300 ms (aiob.token-store.open-timeout)"),
                warnings.get(0));
        assertFalse(a.storeConnected());

        opens.countDown();
        awaitTrue(a::storeConnected, "the poll found the store open");
        awaitTrue(() -> !infos.isEmpty(), "the recovery is logged");
        assertEquals(1, infos.stream().filter(i -> i.contains("answers again")).count(), infos.toString());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void clusterGoneUnderAClientServer_theServerStillServesWithinTheTimeout() throws Exception {
        try (HazelcastMembers own = new HazelcastMembers()) {
            HazelcastInstance member = own.start();
            CacheManager client = own.clientCacheManager(own.client());
            SharingServer c = start(SharingServer.on(client, caches, aiob)
                    .with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "300ms"));
            String first = c.cache().token();
            member.getLifecycleService().terminate();

            long start = System.nanoTime();
            c.cache().invalidate(first);
            String second = c.cache().token();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(aiob.token(2), second);
            assertTrue(took < 3000, "a store without members held the callers " + took + " ms");
            assertFalse(c.storeConnected());
        }
    }

    @Test
    void sharedEntry_seenThroughASeparateClient_revealsNoTokenAndNoKey() throws Exception {
        SharingServer a = start(server(0));
        String token = a.cache().token();
        HazelcastInstance client = MEMBERS.client();
        Cache<String, String> grants = MEMBERS.clientCacheManager(client).getCache("grants-" + caches, String.class,
                String.class);

        List<Cache.Entry<String, String>> entries = new ArrayList<>();
        grants.forEach(entries::add);

        assertEquals(1, entries.size());
        String key = entries.get(0).getKey();
        String value = entries.get(0).getValue();
        assertEquals(AccountKey.of(SharingServer.URL, SharingServer.KEYS.accessKey()), key);
        for (String secret : List.of(token, SharingServer.KEYS.accessKey(), SharingServer.KEYS.secretKey())) {
            assertFalse(key.contains(secret) || value.contains(secret), "the cache holds a secret in clear: " + secret);
        }
        String sealedPart = value.substring(value.lastIndexOf('.') + 1);
        String decoded = new String(Base64.getUrlDecoder().decode(sealedPart), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains(token), "the token is only encoded, not encrypted");
        assertTrue(value.contains(Fingerprint.of(token)), "the entry names the token by its fingerprint: " + value);
        assertEquals(Optional.of(token), SealedGrant.open(value, key, SharingServer.KEYS.secretKey())
                .map(SealedGrant::token));
        assertEquals(Optional.empty(), SealedGrant.open(value, key, "another-secret-key"));
    }

    @Test
    void serverWithAnotherSecretKey_cannotReadTheSharedToken_andFetchesItsOwn() throws Exception {
        SharingServer a = start(server(0));
        String first = a.cache().token();
        SharingServer rotated = start(server(1).keys(new AiobSettings.Credentials(SharingServer.KEYS.accessKey(),
                "a-rotated-secret-key")));

        String own = rotated.cache().token();

        assertNotEquals(first, own);
        assertEquals(aiob.token(2), own);
        assertEquals(first, a.cache().token(), "server a keeps its still-valid token");
    }

    /** A server started after the first serves the first's token; if not, the store's log may say why. */
    private void assertServes(String token, SharingServer server) {
        assertEquals(token, server.cache().token(), () -> "a server did not take the shared token; the store's"
                + " warnings: " + warnings);
    }

    /** Runs {@link #CALLERS_PER_SERVER} callers on every server, all released at once. */
    private List<String> onEveryServerAtOnce(ServerCall call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(servers.size() * CALLERS_PER_SERVER);
        List<Future<String>> results = new ArrayList<>();
        for (SharingServer server : servers) {
            for (int i = 0; i < CALLERS_PER_SERVER; i++) {
                Callable<String> caller = () -> {
                    start.await();
                    return call.on(server);
                };
                results.add(callers.submit(caller));
            }
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> result : results) {
            tokens.add(result.get(Waits.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        return tokens;
    }

    /** Threads of the servers blocked until their store opens. */
    private static long operationsWaitingForTheStoreToOpen() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> stack.length > 0 && stack[0].getMethodName().startsWith("park")
                        && List.of(stack).stream().anyMatch(frame -> frame.getClassName().equals(
                                BoundedTokenStore.class.getName()) && frame.getMethodName().equals("store")))
                .count();
    }

    private boolean allCallersWait() {
        return servers.stream().allMatch(server -> server.cache().waitingCallers() == CALLERS_PER_SERVER);
    }

    private long serversThatLostTheLease() {
        return servers.stream().filter(server -> server.store().leasesLost() > 0).count();
    }

    @FunctionalInterface
    private interface ServerCall {
        String on(SharingServer server) throws Exception;
    }
}
