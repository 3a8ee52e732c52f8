package io.github.aiobmp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.cache.CacheException;
import javax.cache.CacheManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

import io.github.aiobmp.auth.spi.TokenStoreNoQuorumException;

/**
 * The JCache store on two real Hazelcast members whose caches need both of them (split-brain
 * protection of two): once one leaves, every operation of the other's store is refused for lack of
 * quorum, and the store says so with its own exception, not with the provider's.
 */
class JCacheTokenStoreNoQuorumTest {

    private static final HazelcastMembers MEMBERS = new HazelcastMembers(2);
    private static CacheManager manager;
    private static HazelcastInstance other;

    @BeforeAll
    static void startMembers() {
        manager = MEMBERS.cacheManager(MEMBERS.start());
        other = MEMBERS.start();
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.close();
    }

    @Test
    void everyOperationOnTheSideWithoutQuorum_isRefusedAsNoQuorum_andAnswersAgainOnceAMemberJoins() {
        JCacheTokenStore store = new JCacheTokenStore(manager, "grants-a", "leases-a",
                HazelcastMembers.PROTECTED_LEASE, () -> { });
        assertTrue(store.putGrantIfAbsent("account", "grant-1"));
        assertTrue(store.acquireLease("account", "holder-a"));

        MEMBERS.shutDown(other);
        awaitRefused(() -> store.grant("account"));

        List<Executable> operations = List.of(() -> store.grant("account"),
                () -> store.putGrantIfAbsent("other", "grant-2"), () -> store.replaceGrant("account", "grant-1", "grant-2"),
                () -> store.removeGrant("account", "grant-1"), () -> store.acquireLease("other", "holder-b"),
                () -> store.renewLease("account", "holder-a", "holder-a2"), () -> store.releaseLease("account", "holder-a"),
                () -> store.leaseHolder("account"));
        for (Executable operation : operations) {
            TokenStoreNoQuorumException refused = assertThrows(TokenStoreNoQuorumException.class, operation);
            assertTrue(refused.getMessage().contains("no quorum"), refused.getMessage());
        }

        JCacheTokenStore openedWithoutQuorum = new JCacheTokenStore(manager, "grants-b", "leases-b",
                HazelcastMembers.PROTECTED_LEASE, () -> { });
        assertThrows(TokenStoreNoQuorumException.class, () -> openedWithoutQuorum.grant("account"));

        other = MEMBERS.start();
        awaitAnswering(() -> store.grant("account"));
        assertEquals(Optional.of("grant-1"), store.grant("account"));
        assertFalse(store.acquireLease("account", "holder-b"), "the lease taken before the split was lost");
    }

    @Test
    void providersRefusal_isRecognisedAnywhereInTheCauseChain_byItsClassName() {
        SplitBrainProtectionException hazelcast = new SplitBrainProtectionException("Split brain protection exception:"
                + " aiob-quorum has failed!");

        assertTrue(JCacheTokenStore.noQuorum(hazelcast));
        assertTrue(JCacheTokenStore.noQuorum(new CacheException(new IllegalStateException(hazelcast))));
        assertTrue(JCacheTokenStore.noQuorum(new SplitBrainProtectionException("a subclass") { }));
        assertFalse(JCacheTokenStore.noQuorum(new CacheException("timed out")));
        assertFalse(JCacheTokenStore.noQuorum(null));
    }

    private static void awaitRefused(Executable operation) {
        await(operation, true);
    }

    private static void awaitAnswering(Executable operation) {
        await(operation, false);
    }

    /** Hazelcast updates its split-brain protection on membership changes, and every heartbeat. */
    private static void await(Executable operation, boolean refused) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Consumer<Throwable> unexpected = e -> {
            throw new AssertionError("unexpected " + e, e);
        };
        while (System.nanoTime() < deadline) {
            try {
                operation.execute();
                if (!refused) {
                    return;
                }
            } catch (TokenStoreNoQuorumException e) {
                if (refused) {
                    return;
                }
            } catch (Throwable e) {
                unexpected.accept(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(refused ? "never refused" : "never answered");
    }
}
