package io.github.aiobmp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigurationException;

/**
 * The JCache store's operations on two real Hazelcast members: what one member's store does, the
 * other's sees, and every compare-and-set holds when both race.
 */
class JCacheTokenStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final int RACES = 50;
    private static final int RACERS = 16;

    private static final HazelcastMembers MEMBERS = new HazelcastMembers();
    private static CacheManager managerA;
    private static CacheManager managerB;
    private static int caches;

    private final ExecutorService threads = Executors.newFixedThreadPool(RACERS);

    private String grants;
    private String leases;

    @BeforeAll
    static void startMembers() {
        managerA = MEMBERS.cacheManager(MEMBERS.start());
        managerB = MEMBERS.cacheManager(MEMBERS.start());
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.close();
    }

    /** A store on each member, on caches of their own for this test. */
    private JCacheTokenStore[] stores(Duration lease) {
        caches++;
        grants = "grants-" + caches;
        leases = "leases-" + caches;
        return new JCacheTokenStore[] {new JCacheTokenStore(managerA, grants, leases, lease, () -> { }),
            new JCacheTokenStore(managerB, grants, leases, lease, () -> { })};
    }

    @Test
    void grantSharedOnOneMember_isReadOnTheOther_andReplacedOrRemovedOnlyIfStillTheSame() {
        JCacheTokenStore[] store = stores(LEASE);

        assertTrue(store[0].putGrantIfAbsent("account", "grant-1"));
        assertFalse(store[1].putGrantIfAbsent("account", "grant-other"), "a second grant must not overwrite the first");
        assertEquals(Optional.of("grant-1"), store[1].grant("account"));

        assertFalse(store[1].replaceGrant("account", "grant-0", "grant-2"), "replaced although no longer the same");
        assertTrue(store[1].replaceGrant("account", "grant-1", "grant-2"));
        assertEquals(Optional.of("grant-2"), store[0].grant("account"));

        assertFalse(store[0].removeGrant("account", "grant-1"), "removed a grant that was already replaced");
        assertEquals(Optional.of("grant-2"), store[1].grant("account"));
        assertTrue(store[0].removeGrant("account", "grant-2"));
        assertEquals(Optional.empty(), store[1].grant("account"));
        assertEquals(Optional.empty(), store[0].grant("other-account"));
    }

    @Test
    void leaseTakenOnOneMember_isRefusedOnTheOther_untilItsHolderReleasesIt() {
        JCacheTokenStore[] store = stores(LEASE);

        assertTrue(store[0].acquireLease("account", "holder-a"));
        assertFalse(store[1].acquireLease("account", "holder-b"));
        assertEquals(Optional.of("holder-a"), store[1].leaseHolder("account"));
        assertTrue(store[1].acquireLease("other-account", "holder-b"), "a lease is per account");

        store[1].releaseLease("account", "holder-b");
        assertEquals(Optional.of("holder-a"), store[0].leaseHolder("account"), "released by one that did not hold it");

        store[0].releaseLease("account", "holder-a");
        assertEquals(Optional.empty(), store[1].leaseHolder("account"));
        assertTrue(store[1].acquireLease("account", "holder-b"));
    }

    @Test
    void leaseOfAHolderThatVanished_endsByItselfAfterTheLeaseTime() throws InterruptedException {
        JCacheTokenStore[] store = stores(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(1500), store[1].leaseTime());

        assertTrue(store[0].acquireLease("account", "vanished"));
        assertFalse(store[1].acquireLease("account", "holder-b"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store[1].leaseHolder("account").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(store[1].acquireLease("account", "holder-b"), "the lease did not end after its lease time");
    }

    @Test
    void leaseRenewedByItsHolder_outlastsItsLeaseTime_andEndsThatLongAfterTheLastRenewal() throws Exception {
        JCacheTokenStore[] store = stores(Duration.ofMillis(1500));
        assertTrue(store[0].acquireLease("account", "holder-a|0"));
        assertFalse(store[1].renewLease("account", "holder-b|0", "holder-b|1"), "renewed by one that did not hold it");

        long start = System.nanoTime();
        for (int renewal = 1; renewal <= 8; renewal++) {
            Thread.sleep(400);
            assertTrue(store[0].renewLease("account", "holder-a|" + (renewal - 1), "holder-a|" + renewal),
                    "renewal " + renewal + " found the lease gone");
            assertFalse(store[1].acquireLease("account", "holder-b"), "taken from a holder that renews it");
        }
        assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(3000), "held past twice its lease time");

        long lastRenewal = System.nanoTime();
        long deadline = lastRenewal + TimeUnit.SECONDS.toNanos(10);
        while (!store[1].acquireLease("account", "holder-b") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long ended = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewal);
        assertEquals(Optional.of("holder-b"), store[0].leaseHolder("account"), "the lease never ended");
        assertTrue(ended >= 1000, "ended " + ended + " ms after the last renewal, sooner than its 1500 ms");
    }

    @Test
    void holdersRacingForTheLeaseOnBothMembers_exactlyOneWins() throws Exception {
        JCacheTokenStore[] store = stores(LEASE);
        for (int race = 0; race < RACES; race++) {
            String account = "account-" + race;
            assertEquals(1, racing(store, (mine, i) -> mine.acquireLease(account, "holder-" + i)),
                    "holders that won race " + race);
        }
    }

    @Test
    void publishersRacingToReplaceTheSameGrant_exactlyOneSucceeds_andRemovalOfItWinsOnce() throws Exception {
        JCacheTokenStore[] store = stores(LEASE);
        for (int race = 0; race < RACES; race++) {
            String account = "account-" + race;
            assertTrue(store[0].putGrantIfAbsent(account, "old"));
            assertEquals(1, racing(store, (mine, i) -> mine.replaceGrant(account, "old", "new-" + i)),
                    "publishers that replaced in race " + race);
            String winner = store[1].grant(account).orElseThrow();
            assertEquals(1, racing(store, (mine, i) -> mine.removeGrant(account, winner)),
                    "removals that succeeded in race " + race);
        }
    }

    /** Runs {@code operation} on {@link #RACERS} threads, half on each member, released at once; counts the trues. */
    private int racing(JCacheTokenStore[] store, BiFunction<JCacheTokenStore, Integer, Boolean> operation)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            JCacheTokenStore mine = store[i % 2];
            int racer = i;
            outcomes.add(threads.submit(() -> {
                start.await();
                return operation.apply(mine, racer);
            }));
        }
        int yes = 0;
        for (Future<Boolean> outcome : outcomes) {
            if (outcome.get(30, TimeUnit.SECONDS)) {
                yes++;
            }
        }
        return yes;
    }

    @Test
    void grantChangedOnOneMember_isToldToTheListenerOnTheOther() throws InterruptedException {
        JCacheTokenStore[] store = stores(LEASE);
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        store[1].onGrantChange(told::add);

        store[0].putGrantIfAbsent("account", "grant-1");
        assertEquals("account", told.poll(10, TimeUnit.SECONDS), "no notification of a new grant");
        store[0].replaceGrant("account", "grant-1", "grant-2");
        assertEquals("account", told.poll(10, TimeUnit.SECONDS), "no notification of a replaced grant");
        store[0].removeGrant("account", "grant-2");
        assertEquals("account", told.poll(10, TimeUnit.SECONDS), "no notification of a removed grant");

        store[1].close();
        store[0].putGrantIfAbsent("account", "grant-3");
        assertEquals(null, told.poll(1, TimeUnit.SECONDS), "told after the store was closed");
    }

    @Test
    void leasesCacheConfiguredElsewhereWithoutExpiry_isRefused_sayingWhatToFix() {
        managerA.createCache("leases-eternal", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));

        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> new JCacheTokenStore(managerB, "grants-eternal", "leases-eternal", LEASE, () -> { }));
        assertTrue(refused.getMessage().contains("'leases-eternal'")
                && refused.getMessage().contains("aiob.token-store.jcache.leases-cache")
                && refused.getMessage().contains("does not expire"), refused.getMessage());
    }

    @Test
    void leasesCacheConfiguredElsewhereExpiringOnlyFromCreation_isRefused_sinceRenewalsWouldNotExtendIt() {
        managerA.createCache("leases-created", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR)));

        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> new JCacheTokenStore(managerB, "grants-created", "leases-created", LEASE, () -> { }));
        assertTrue(refused.getMessage().contains("'leases-created'")
                && refused.getMessage().contains("after their last update")
                && refused.getMessage().contains("ModifiedExpiryPolicy"), refused.getMessage());
    }

    @Test
    void leasesCacheConfiguredElsewhereExpiringTooSoon_isRefused_sayingHowLongItMustLast() {
        managerA.createCache("leases-short", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_MINUTE)));

        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> new JCacheTokenStore(managerB, "grants-short", "leases-short", Duration.ofMinutes(2), () -> { }));
        assertTrue(refused.getMessage().contains("60000 ms") && refused.getMessage().contains("120000 ms")
                && refused.getMessage().contains("aiob.token-store.lease"), refused.getMessage());

        JCacheTokenStore longEnough = new JCacheTokenStore(managerB, "grants-short", "leases-short", LEASE, () -> { });
        assertEquals(Duration.ofMinutes(1), longEnough.leaseTime(), "the cache's own expiry is the lease time");
    }

    @Test
    void closingTheStore_closesTheManagerItOpened() {
        boolean[] closed = {false};
        new JCacheTokenStore(managerA, "grants-close", "leases-close", LEASE, () -> closed[0] = true).close();
        assertTrue(closed[0]);
    }
}
