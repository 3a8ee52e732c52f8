package io.github.aiobmp.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.spi.TokenStore;
import io.github.aiobmp.auth.spi.TokenStoreNoQuorumException;

/**
 * A {@link TokenStore} on two JCache (JSR-107) caches of text: the grants, and the leases, whose
 * entries expire after the lease time from when they were created or last replaced
 * ({@code ModifiedExpiryPolicy}), so that a holder renews its lease by replacing it. Only what
 * JCache guarantees is used: {@code putIfAbsent}, {@code replace(key, old, new)},
 * {@code remove(key, old)}, and an entry listener; nothing runs on the cache's members. An
 * operation the provider refuses for lack of quorum (Hazelcast's split-brain protection, known by
 * its class name) is a {@link TokenStoreNoQuorumException}.
 */
public final class JCacheTokenStore implements TokenStore {

    /**
     * The providers' exceptions that refuse an operation on a side of a split cluster without
     * quorum: Hazelcast's split-brain protection (open-source edition too).
     */
    private static final Set<String> NO_QUORUM = Set.of("com.hazelcast.splitbrainprotection.SplitBrainProtectionException");
    /** Deeper than any real chain of causes; it only guards against a cycle. */
    private static final int MAX_CAUSES = 100;
    /** Read once as the store opens; never written. */
    private static final String WARM_UP_KEY = "aiob-warm-up";

    private final Cache<String, String> grants;
    private final Cache<String, String> leases;
    private final Duration leaseTime;
    private final Runnable closeManager;
    private final boolean hazelcastClient;
    private volatile MutableCacheEntryListenerConfiguration<String, String> listening;

    /**
     * Opens (creating them if need be) the two caches in {@code manager}.
     *
     * @param manager      the cache manager of the cluster's caches
     * @param grantsCache  the name of the cache of grants
     * @param leasesCache  the name of the cache of leases
     * @param lease        how long a lease lasts after it was taken or renewed; a leases cache that
     *                     exists already must expire its entries no sooner, counted from their
     *                     creation and from their last update
     * @param closeManager run by {@link #close()}: closes the manager when this store opened it
     * @throws AiobConfigurationException when the leases cache's expiry does not bound a lease, or
     *                                    a renewal would not extend it
     */
    public JCacheTokenStore(CacheManager manager, String grantsCache, String leasesCache, Duration lease,
            Runnable closeManager) {
        Objects.requireNonNull(manager, "manager");
        this.grants = cache(manager, grantsCache, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        this.leases = cache(manager, leasesCache, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, lease.toMillis()))));
        this.leaseTime = leaseTimeOf(leases, leasesCache, lease);
        this.closeManager = Objects.requireNonNull(closeManager, "closeManager");
        this.hazelcastClient = manager.getCachingProvider() != null
                && manager.getCachingProvider().getClass().getName().startsWith("com.hazelcast.client.");
        // A new cluster's first operation may take seconds (Hazelcast assigns its partitions then):
        // taken here, while the store opens, rather than by a fetch's bounded call.
        // On a side without quorum it is refused: the store opens all the same, and its operations say so.
        try {
            grants.containsKey(WARM_UP_KEY);
            leases.containsKey(WARM_UP_KEY);
        } catch (RuntimeException e) {
            if (!noQuorum(e)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<String> grant(String account) {
        return refusedWithoutQuorum("read the grant", () -> Optional.ofNullable(grants.get(account)));
    }

    @Override
    public boolean putGrantIfAbsent(String account, String grant) {
        return refusedWithoutQuorum("share a grant", () -> grants.putIfAbsent(account, grant));
    }

    @Override
    public boolean replaceGrant(String account, String expected, String grant) {
        return refusedWithoutQuorum("replace the grant", () -> grants.replace(account, expected, grant));
    }

    @Override
    public boolean removeGrant(String account, String expected) {
        return refusedWithoutQuorum("remove the grant", () -> grants.remove(account, expected));
    }

    @Override
    public boolean acquireLease(String account, String holder) {
        return refusedWithoutQuorum("take the lease", () -> leases.putIfAbsent(account, holder));
    }

    @Override
    public boolean renewLease(String account, String holder, String renewed) {
        return refusedWithoutQuorum("renew the lease", () -> leases.replace(account, holder, renewed));
    }

    @Override
    public void releaseLease(String account, String holder) {
        refusedWithoutQuorum("release the lease", () -> leases.remove(account, holder));
    }

    @Override
    public Optional<String> leaseHolder(String account) {
        return refusedWithoutQuorum("read the lease", () -> Optional.ofNullable(leases.get(account)));
    }

    /**
     * Whether {@code failure} is the provider's refusal for lack of quorum: a class of that name, or
     * a subclass, anywhere in its cause chain (JCache may wrap it in a {@code CacheException}).
     * Known by name, so that this jar needs no provider to compile or to run.
     */
    static boolean noQuorum(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (NO_QUORUM.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs a cache operation; the provider's refusal for lack of quorum becomes the SPI's own. */
    private static <T> T refusedWithoutQuorum(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (noQuorum(e)) {
                throw new TokenStoreNoQuorumException("The JCache cache refused to " + what + ": this member's side of"
                        + " the cluster has no quorum (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    /** The leases cache's expiry: how long a lease lasts after it was taken or renewed. */
    Duration leaseTime() {
        return leaseTime;
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException for a Hazelcast client: Hazelcast sends a listener's
     *         configuration to the cluster's members (again on every reconnection), and members
     *         without this jar cannot read it, so that the client could never reconnect
     */
    @Override
    public void onGrantChange(Consumer<String> changed) {
        if (hazelcastClient) {
            throw new UnsupportedOperationException("a Hazelcast client registers no JCache listener, which"
                    + " the cluster's members could not read");
        }
        MutableCacheEntryListenerConfiguration<String, String> configuration =
                new MutableCacheEntryListenerConfiguration<>(new ListenerFactory(changed), null, false, false);
        grants.registerCacheEntryListener(configuration);
        listening = configuration;
    }

    @Override
    public void close() {
        MutableCacheEntryListenerConfiguration<String, String> configuration = listening;
        try {
            if (configuration != null && !grants.isClosed()) {
                grants.deregisterCacheEntryListener(configuration);
            }
        } finally {
            closeManager.run();
        }
    }

    private static Cache<String, String> cache(CacheManager manager, String name,
            MutableConfiguration<String, String> configuration) {
        Cache<String, String> cache = manager.getCache(name, String.class, String.class);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, configuration);
        } catch (javax.cache.CacheException e) {
            // Created meanwhile by another server of the same cluster.
            Cache<String, String> created = manager.getCache(name, String.class, String.class);
            if (created == null) {
                throw e;
            }
            return created;
        }
    }

    /**
     * The leases cache's own expiry, when it was configured elsewhere, must bound a lease too, from
     * its creation and from each renewal: the shorter of the two is the lease time.
     */
    private static Duration leaseTimeOf(Cache<String, String> leases, String name, Duration wanted) {
        @SuppressWarnings("unchecked")
        CompleteConfiguration<String, String> configuration = leases.getConfiguration(CompleteConfiguration.class);
        Factory<ExpiryPolicy> factory = configuration.getExpiryPolicyFactory();
        ExpiryPolicy policy = factory == null ? null : factory.create();
        Duration created = policy == null ? null : finite(policy.getExpiryForCreation());
        Duration updated = policy == null ? null : finite(policy.getExpiryForUpdate());
        if (created == null || updated == null) {
            throw new AiobConfigurationException("The JCache cache '" + name + "' ("
                    + AiobConfigKeys.describe(AiobConfigKeys.JCACHE_LEASES_CACHE) + ") does not expire its entries "
                    + (created == null ? "after their creation: a lease of a server that vanished would never end"
                            : "after their last update: a renewed lease would end while its holder still calls getToken")
                    + ". Remove its configuration, so that it is created with an expiry of "
                    + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE_LEASE) + " after each creation and update,"
                    + " or give it such an expiry (ModifiedExpiryPolicy) of at least " + wanted.toMillis() + " ms");
        }
        Duration actual = created.compareTo(updated) <= 0 ? created : updated;
        if (actual.compareTo(wanted) < 0) {
            throw new AiobConfigurationException("The JCache cache '" + name + "' expires its leases after "
                    + actual.toMillis() + " ms, sooner than " + AiobConfigKeys.describe(AiobConfigKeys.TOKEN_STORE_LEASE)
                    + " (" + wanted.toMillis() + " ms): raise its expiry, or remove its configuration so that it is"
                    + " created with the lease time");
        }
        return actual;
    }

    /** A JCache duration as a positive Java one; null for none, zero or eternal. */
    private static Duration finite(javax.cache.expiry.Duration expiry) {
        return expiry == null || expiry.isEternal() || expiry.isZero() ? null
                : Duration.ofMillis(expiry.getTimeUnit().toMillis(expiry.getDurationAmount()));
    }

    /** Made where the cache calls listeners; serializable, as JCache asks of listener factories. */
    private static final class ListenerFactory implements Factory<CacheEntryListener<String, String>> {

        private static final long serialVersionUID = 1L;

        private final transient Consumer<String> changed;

        ListenerFactory(Consumer<String> changed) {
            this.changed = changed;
        }

        @Override
        public CacheEntryListener<String, String> create() {
            return new GrantListener(changed);
        }
    }

    private static final class GrantListener implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Serializable {

        private static final long serialVersionUID = 1L;

        private final transient Consumer<String> changed;

        GrantListener(Consumer<String> changed) {
            this.changed = changed;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            tell(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            tell(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            tell(events);
        }

        private void tell(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            if (changed != null) {
                events.forEach(event -> changed.accept(event.getKey()));
            }
        }
    }
}
