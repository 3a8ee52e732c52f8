package io.github.aiobmp.auth.internal.share;

import static io.github.aiobmp.auth.internal.share.Waits.await;
import static io.github.aiobmp.auth.internal.share.Waits.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.cache.CacheManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenInvalidation;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.cluster.HazelcastMembers;
import io.github.aiobmp.testing.LogRecorder;
import io.github.aiobmp.cluster.JCacheTokenStore;

/**
 * The lease and the convergence of a cluster's servers, each on its own member of a real
 * three-member Hazelcast cluster in this JVM: a lease names its holder, so that a server never
 * waits for itself and a waiting caller is told who holds it; a holder renews its lease while a
 * slow getToken runs, and a holder that stops is taken over within the lease time; servers that
 * fetched alone while the store did not answer converge on the newest token as soon as it answers.
 */
class LeaseAndConvergenceTest {

    private static final int MEMBERS = 3;
    private static final HazelcastMembers HAZELCAST = new HazelcastMembers();
    private static final List<CacheManager> MANAGERS = new ArrayList<>();
    private static int tests;

    private final SharedAiob aiob = new SharedAiob();
    private final List<SharingServer> servers = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch getTokenAnswers = new CountDownLatch(1);
    private LogRecorder log;
    private String caches;

    @BeforeAll
    static void startMembers() {
        for (int i = 0; i < MEMBERS; i++) {
            MANAGERS.add(HAZELCAST.cacheManager(HAZELCAST.start()));
        }
    }

    @AfterAll
    static void stopMembers() {
        HAZELCAST.close();
    }

    @BeforeEach
    void freshCaches() {
        caches = "convergence-" + ++tests;
        log = new LogRecorder(TokenSharing.class, BoundedTokenStore.class, Leases.class);
    }

    @AfterEach
    void stopServers() {
        getTokenAnswers.countDown();
        log.close();
        servers.forEach(SharingServer::close);
        callers.shutdownNow();
    }

    private SharingServer.Builder server(int member) {
        return SharingServer.on(MANAGERS.get(member % MEMBERS), caches, aiob);
    }

    private SharingServer start(SharingServer.Builder builder) {
        SharingServer server = builder.start();
        servers.add(server);
        return server;
    }

    private static String account() {
        return AccountKey.of(SharingServer.URL, SharingServer.KEYS.accessKey());
    }

    /** The first getToken answers only once the test lets it; later ones at once. */
    private void holdFirstGetToken() {
        aiob.duringFetch(() -> {
            if (aiob.calls() == 1) {
                await(getTokenAnswers);
            }
        });
    }

    // A lease knows its holder.

    @RepeatedTest(5)
    void leaseStoredButAnsweredAfterTheTimeout_isKnownAsThisServersOwn_andNeverWaitedFor() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "200ms")
                .with(AiobConfigKeys.MAX_WAIT, "3s").with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s"));
        a.store().answerLeasesAfter(Duration.ofMillis(600));

        String first = a.cache().token();

        assertEquals(aiob.token(1), first, "the server fetched alone when taking the lease did not answer");
        assertEquals(1, a.events().count("fetchedWithoutStore"));
        a.store().answerLeasesAfter(Duration.ZERO);
        Thread.sleep(SharingServer.RETRY_DEGRADED_EVERY.toMillis() + 100);

        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        long start = System.nanoTime();
        String second = a.cache().token();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(aiob.token(2), second);
        assertTrue(took < 2000, "the server waited " + took + " ms, for the lease it took itself");
        assertEquals(0, a.events().count("leaseLost"), "the server saw its own lease as another's");
    }

    @Test
    void leaseOfAnEarlierAttemptOfThisServer_isReleased_andTheFetchTakesItAtOnce() {
        SharingServer a = start(server(0).with(AiobConfigKeys.MAX_WAIT, "3s"));
        assertTrue(directStore().acquireLease(account(), Lease.taken(a.id(), 0, Instant.now()).encode()));

        long start = System.nanoTime();
        String token = a.cache().token();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(aiob.token(1), token);
        assertTrue(took < 2000, "the server waited " + took + " ms for its own lease");
        assertEquals(1, a.events().count("leaseWon"));
        assertEquals(0, a.events().count("leaseLost"));
    }

    @Test
    void callerWaitingOnAnotherServersLease_isToldWhichServerHoldsItAndSinceWhen() throws Exception {
        holdFirstGetToken();
        SharingServer a = start(server(0));
        SharingServer b = start(server(1).with(AiobConfigKeys.MAX_WAIT, "3s"));
        callers.submit(() -> a.cache().token());
        awaitTrue(() -> aiob.calls() == 1, "server a calls getToken");

        AiobUnavailableException waited = assertThrows(AiobUnavailableException.class, () -> b.cache().token());

        assertTrue(waited.getMessage().contains("No AIOB token within 3000 ms (aiob.token.max-wait): server " + a.id()
                + " holds the token store's lease since "), waited.getMessage());
        assertTrue(!waited.getMessage().contains("slow or unreachable"), waited.getMessage());
        assertEquals(1, b.events().count("leaseLost"));
        assertEquals(1, a.events().count("leaseWon"));
    }

    // A short lease, renewed while getToken runs.

    @Test
    void slowGetToken_keepsItsLeaseRenewedPastTheLeaseTime_soNoOtherServerCallsGetToken() throws Exception {
        holdFirstGetToken();
        SharingServer a = start(shortLease(server(0)));
        SharingServer b = start(shortLease(server(1)));
        Future<String> onA = callers.submit(() -> a.cache().token());
        Future<String> onB = waitingWhileTheOtherCallsGetToken(b);

        Thread.sleep(3000); // three lease times

        assertEquals(1, aiob.calls(), "server b took the lease of a holder that renews it");
        getTokenAnswers.countDown();
        assertEquals(aiob.token(1), onA.get(20, TimeUnit.SECONDS));
        assertEquals(aiob.token(1), onB.get(20, TimeUnit.SECONDS));
        assertEquals(0, a.events().count("leaseExpired") + b.events().count("leaseExpired"));
        assertEquals(1, b.events().count("adopted"));
    }

    @Test
    void holderThatStopsInTheMiddleOfItsGetToken_isTakenOverWithinTheLeaseTime() throws Exception {
        holdFirstGetToken();
        SharingServer a = start(shortLease(server(0)));
        SharingServer b = start(shortLease(server(1)));
        callers.submit(() -> a.cache().token());
        Future<String> onB = waitingWhileTheOtherCallsGetToken(b);

        // Server a vanishes: nothing of it reaches the store any more, neither a renewal nor a release.
        a.store().mode(StoreSwitch.Mode.HANG);
        long stopped = System.nanoTime();
        String token = onB.get(20, TimeUnit.SECONDS);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

        assertEquals(aiob.token(2), token);
        assertTrue(took < 2500, "server b took over " + took + " ms after server a stopped, with a 1 s lease");
        assertEquals(1, b.events().count("leaseExpired"));
        assertTrue(log.warnings().stream().anyMatch(w -> w.contains("lease ended without a token (server " + a.id()
                + " holds the token store's lease since")), log.warnings().toString());
    }

    /**
     * Once the first server's call is in its getToken, which answers only when the test lets it, a
     * call on {@code waiter}, waiting for that server's lease.
     */
    private Future<String> waitingWhileTheOtherCallsGetToken(SharingServer waiter) {
        awaitTrue(() -> aiob.calls() == 1, "the first server calls getToken");
        Future<String> waiting = callers.submit(() -> waiter.cache().token());
        awaitTrue(() -> waiter.store().leasesLost() > 0, "the other server waits for its lease");
        return waiting;
    }

    @Test
    void renewalAnsweredLateWhileGetTokenRuns_keepsTheLease_withTheProductionRetryOfADegradedStore()
            throws Exception {
        holdFirstGetToken();
        // A store that answered late is tried again only after 5 s, the lease's whole time: renewals must not wait.
        SharingServer a = start(shortLease(server(0)).with(AiobConfigKeys.TOKEN_STORE_LEASE, "2s")
                .retryDegradedEvery(Duration.ofSeconds(5)));
        SharingServer b = start(shortLease(server(1)).with(AiobConfigKeys.TOKEN_STORE_LEASE, "2s")
                .retryDegradedEvery(Duration.ofSeconds(5)));
        a.store().answerNextRenewalAfter(Duration.ofMillis(400));
        Future<String> onA = callers.submit(() -> a.cache().token());
        Future<String> onB = waitingWhileTheOtherCallsGetToken(b);

        Thread.sleep(5000); // two and a half lease times, through a renewal that answered late

        assertEquals(1, aiob.calls(), "server b took the lease while server a's getToken ran");
        getTokenAnswers.countDown();
        assertEquals(aiob.token(1), onA.get(20, TimeUnit.SECONDS));
        assertEquals(aiob.token(1), onB.get(20, TimeUnit.SECONDS));
        assertEquals(1, aiob.mostAtOnce(), "getToken calls that ran at once");
        assertEquals(0, a.events().count("leaseExpired"));
    }

    private static SharingServer.Builder shortLease(SharingServer.Builder builder) {
        return builder.with(AiobConfigKeys.TOKEN_STORE_LEASE, "1s").with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "200ms")
                .with(AiobConfigKeys.MAX_WAIT, "15s");
    }

    // Servers converge on the newest token as soon as the store answers.

    @ParameterizedTest(name = "{0} servers")
    @ValueSource(ints = {2, 3})
    void storeOpeningAfterEveryServerFetchedAlone_convergesOnTheNewestToken_withoutAnotherGetToken(int count)
            throws Exception {
        CountDownLatch opens = new CountDownLatch(1);
        List<SharingServer> cluster = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SharingServer server = start(server(i).opensWhen(opens)
                    .with(AiobConfigKeys.TOKEN_STORE_OPEN_TIMEOUT, "200ms")
                    .with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
            cluster.add(server);
            alone.add(server.cache().token());
            Thread.sleep(20); // obtained in distinct milliseconds: the newest is one token
        }
        assertEquals(count, new HashSet<>(alone).size(), "every server fetched its own token");

        opens.countDown();

        String newest = aiob.token(count);
        for (SharingServer server : cluster) {
            awaitTrue(() -> server.cache().token().equals(newest), "every server serves the newest token");
        }
        assertEquals(count, aiob.calls(), "getToken calls: one per server before the store opened, none after");
        // Counted just after the cache took the token. An older server may take a newer token than its
        // own before it takes the newest one.
        for (SharingServer server : cluster.subList(0, count - 1)) {
            awaitTrue(() -> server.events().count("reconciledByAdopting") >= 1, "the reconciliation is counted");
            assertTrue(server.events().count("adopted") >= 1);
        }
        awaitTrue(() -> cluster.get(count - 1).events().count("published") == 1, "the newest server shared its token");
        assertEquals(0, cluster.get(count - 1).events().count("adopted"));
    }

    @RepeatedTest(3)
    void refreshDueWhileTheStoreDoesNotAnswer_waitsForIt_servingTheTokenInHand_insteadOfFetchingAlone()
            throws Exception {
        aiob.lifetime(Duration.ofSeconds(6));
        // STALE 3 s after the grant on both servers at once (no jitter), unusable 6 s after it.
        SharingServer a = start(refreshingAtHalfLife(server(0)));
        SharingServer b = start(refreshingAtHalfLife(server(1)));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        // A member's pause, or a network cut not detected yet: server b's store does not answer.
        b.store().mode(StoreSwitch.Mode.HANG);

        awaitTrue(() -> !a.cache().token().equals(first), "server a refreshes through the store");
        Thread.sleep(1000); // server b's refresh was due too, and tried again every 300 ms since

        assertEquals(first, b.cache().token(), "server b serves the token in hand");
        assertEquals(2, aiob.calls(), "server b fetched no token alone: it would revoke server a's");
        b.store().mode(StoreSwitch.Mode.ANSWER);
        awaitTrue(() -> b.cache().token().equals(aiob.token(2)), "server b takes server a's token once its store"
                + " answers");
        assertEquals(2, aiob.calls());
        assertEquals(0, b.events().count("fetchedWithoutStore"));
    }

    @Test
    void refreshPutOffUntilTheTokenIsUnusable_fetchesAlone_soCallsGoOn() throws Exception {
        aiob.lifetime(Duration.ofSeconds(4));
        SharingServer a = start(refreshingAtHalfLife(server(0)));
        String first = a.cache().token();
        a.store().mode(StoreSwitch.Mode.FAIL);

        Thread.sleep(4200); // STALE at 2 s, put off; unusable at 4 s

        String alone = a.cache().token();
        assertEquals(aiob.token(2), alone, "a token fetched alone once the one in hand is unusable");
        assertTrue(!alone.equals(first));
        assertEquals(1, a.events().count("fetchedWithoutStore"));
    }

    private static SharingServer.Builder refreshingAtHalfLife(SharingServer.Builder builder) {
        return builder.with(AiobConfigKeys.REFRESH_AHEAD, "1h").with(AiobConfigKeys.EXPIRY_MARGIN, "0s")
                .with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "200ms");
    }

    @RepeatedTest(3)
    void rejectedTokenWhileTheStoreFailedAMomentAgo_asksTheStoreAgainBeforeFetchingAlone_andTakesTheClustersToken()
            throws Exception {
        // As a server woken from a long pause: its token was revoked meanwhile, its store fails for an instant.
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s").refuseListeners()
                .with(AiobConfigKeys.TOKEN_STORE_TIMEOUT, "200ms").retryDegradedEvery(Duration.ofSeconds(30)));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();
        b.store().mode(StoreSwitch.Mode.HANG);
        assertEquals(TokenInvalidation.DROPPED, b.cache().invalidate(first));
        assertEquals(1, b.events().count("storeTimedOut"), "server b's store is degraded, next tried in 30 s");
        b.store().mode(StoreSwitch.Mode.ANSWER);

        String replacement = b.cache().token();

        assertEquals(second, replacement, "server b takes the cluster's token");
        assertEquals(2, aiob.calls(), "server b fetched no token alone: it would revoke server a's");
        assertEquals(0, b.events().count("fetchedWithoutStore"));
        assertEquals(second, a.cache().token());
    }

    @Test
    void tokenFetchedAloneWhileTheStoreFailed_newerThanTheShared_isPublishedOnceItAnswers_andTakenByAll()
            throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        b.store().mode(StoreSwitch.Mode.FAIL);
        assertEquals(TokenInvalidation.DROPPED, b.cache().invalidate(first));
        String alone = b.cache().token();
        assertEquals(aiob.token(2), alone);

        b.store().mode(StoreSwitch.Mode.ANSWER);

        awaitTrue(() -> a.cache().token().equals(alone), "server a takes server b's newer token");
        assertEquals(alone, b.cache().token());
        assertEquals(2, aiob.calls());
        awaitTrue(() -> b.events().count("published") == 1, "server b's publication is counted");
        awaitTrue(() -> a.events().count("reconciledByAdopting") == 1, "server a's reconciliation is counted");
        assertTrue(log.infos().stream().anyMatch(i -> i.startsWith("Shared this server's AIOB token")),
                log.infos().toString());
    }

    @Test
    void tokenRejectedOnOneServer_isNotPublishedBackByAnotherServer_whileItsReplacementIsFetched() throws Exception {
        SharingServer a = start(server(0));
        SharingServer b = start(server(1));
        String rejected = a.cache().token();
        assertEquals(rejected, b.cache().token());
        CountDownLatch replacementAnswers = new CountDownLatch(1);
        aiob.duringFetch(() -> {
            if (aiob.calls() == 2) {
                await(replacementAnswers);
            }
        });

        assertEquals(TokenInvalidation.DROPPED, b.cache().invalidate(rejected));
        Future<String> replacement = callers.submit(() -> b.cache().token());
        awaitTrue(() -> aiob.calls() == 2, "server b fetches the replacement");
        Thread.sleep(1000); // server a's reconciliation, on the removal's notification, has run

        assertEquals(Optional.empty(), sharedToken(), "the store holds a token again while its replacement is"
                + " fetched");
        assertEquals(0, a.events().count("published"));
        replacementAnswers.countDown();
        assertEquals(aiob.token(2), replacement.get(20, TimeUnit.SECONDS));
        awaitTrue(() -> a.cache().token().equals(aiob.token(2)), "server a takes the replacement");
    }

    @Test
    void credentialsNamingAnotherAccount_neverShareTheOldAccountsToken() throws Exception {
        AtomicReference<AiobSettings.Credentials> keys = new AtomicReference<>(SharingServer.KEYS);
        SharingServer a = start(server(0).keysFrom(keys::get).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "100ms"));
        String old = a.cache().token();
        AiobSettings.Credentials rotated = new AiobSettings.Credentials("rotated-access-key", "rotated-secret-key");
        String rotatedAccount = AccountKey.of(SharingServer.URL, rotated.accessKey());

        keys.set(rotated);
        a.cache().reset(); // what the credentials watch does when the keys change
        Thread.sleep(500); // a few polls, each a reconciliation under the new account

        assertEquals(Optional.empty(), directStore().grant(rotatedAccount),
                "the old account's token was shared under the new one");
        String next = a.cache().token();
        assertEquals(aiob.token(2), next, "the server served the old account's token for the new one");
        assertEquals(Optional.of(next), directStore().grant(rotatedAccount)
                .flatMap(sealed -> SealedGrant.open(sealed, rotatedAccount, rotated.secretKey())).map(SealedGrant::token));
        assertTrue(!old.equals(next));
    }

    private JCacheTokenStore directStore() {
        return new JCacheTokenStore(MANAGERS.get(2), "grants-" + caches, "leases-" + caches, Duration.ofSeconds(5),
                () -> { });
    }

    /** The token the store holds for the test account, if any. */
    private Optional<String> sharedToken() {
        return directStore().grant(account()).flatMap(sealed -> SealedGrant.open(sealed, account(),
                SharingServer.KEYS.secretKey())).map(SealedGrant::token);
    }

    @Test
    void tokenSharedWhileAServerCouldNotReadTheStore_newerThanItsOwn_isTakenOnceItAnswers() throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s")
                .with(AiobConfigKeys.REAUTH_MIN_INTERVAL, "0s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        b.store().mode(StoreSwitch.Mode.FAIL);
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();
        // Server b was told of the change, but could not read it.
        Thread.sleep(500);
        assertEquals(first, b.cache().token());

        b.store().mode(StoreSwitch.Mode.ANSWER);

        awaitTrue(() -> b.cache().token().equals(second), "server b takes server a's newer token");
        assertEquals(2, aiob.calls());
        assertEquals(0, b.events().count("published"));
        assertEquals(second, a.cache().token());
    }

    @Test
    void rejectedTokenReplacedInTheStore_isTakenWithoutCountingAsAForcedRefresh_soItsOwnRejectionFetchesAtOnce()
            throws Exception {
        SharingServer a = start(server(0).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s"));
        SharingServer b = start(server(1).with(AiobConfigKeys.TOKEN_STORE_POLL_INTERVAL, "0s").refuseListeners());
        String first = a.cache().token();
        assertEquals(first, b.cache().token());
        assertEquals(TokenInvalidation.DROPPED, a.cache().invalidate(first));
        String second = a.cache().token();
        // Past the cluster's own limit on server a's forced refresh; server b never heard of it.
        Thread.sleep(1100);

        // Every token revoked at once: server b learns of the newer one from its rejection of the older.
        assertEquals(TokenInvalidation.ALREADY_REPLACED, b.cache().invalidate(first));
        assertEquals(second, b.cache().token());
        assertEquals(2, aiob.calls(), "server b took the store's token without a getToken");
        assertEquals(TokenInvalidation.DROPPED, b.cache().invalidate(second),
                "the store's token, rejected too, was kept as if server b had just forced a refresh");
        String third = b.cache().token();
        assertEquals(3, aiob.calls());
        assertEquals(aiob.token(3), third);
    }
}
