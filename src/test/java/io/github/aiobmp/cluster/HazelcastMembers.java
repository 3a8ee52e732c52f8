package io.github.aiobmp.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CacheSimpleConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.DurationConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig.ExpiryPolicyType;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Real Hazelcast members in the test JVM, alone in a cluster of their own: a name unique to the
 * run, loopback TCP-IP join only, no multicast, no phone home; and clients of that cluster.
 */
public final class HazelcastMembers implements AutoCloseable {

    /** The first member's port; the others take the next ones. */
    public static final int FIRST_PORT = 5701;
    private static final int PORTS = 20;

    static {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "jdk");
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    }

    private final String clusterName = "aiob-test-" + UUID.randomUUID();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();
    private final List<CacheManager> managers = new ArrayList<>();
    /** Members started, to name the next: a name is never taken again after a member left. */
    private int started;
    /** With split-brain protection: the fewest members that make a quorum; 0 for none. */
    private final int quorum;

    /** Members without split-brain protection. */
    public HazelcastMembers() {
        this(0);
    }

    /**
     * Members whose caches named {@code grants-*} and {@code leases-*} (the leases expiring
     * {@link #PROTECTED_LEASE} after each update, as the store requires) are under split-brain
     * protection: their operations fail on a side of fewer than {@code quorum} members, as a
     * production {@code hazelcast.xml} configures it (docs/cluster.md).
     */
    public HazelcastMembers(int quorum) {
        this.quorum = quorum;
    }

    /** The lease time the protected leases caches expire after. */
    public static final java.time.Duration PROTECTED_LEASE = java.time.Duration.ofSeconds(5);

    /** Starts one more member, which joins the others. */
    public HazelcastInstance start() {
        Config config = new Config().setClusterName(clusterName)
                .setInstanceName(clusterName + "-member-" + started++);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig network = config.getNetworkConfig().setPort(FIRST_PORT).setPortAutoIncrement(true)
                .setPortCount(PORTS);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
            join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        }
        if (quorum > 0) {
            protect(config);
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    private void protect(Config config) {
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig("aiob-quorum", true, quorum));
        config.addCacheConfig(new CacheSimpleConfig().setName("grants-*").setKeyType(String.class.getName())
                .setValueType(String.class.getName()).setSplitBrainProtectionName("aiob-quorum"));
        config.addCacheConfig(new CacheSimpleConfig().setName("leases-*").setKeyType(String.class.getName())
                .setValueType(String.class.getName()).setSplitBrainProtectionName("aiob-quorum")
                .setExpiryPolicyFactoryConfig(new ExpiryPolicyFactoryConfig(new TimedExpiryPolicyFactoryConfig(
                        ExpiryPolicyType.MODIFIED, new DurationConfig(PROTECTED_LEASE.toSeconds(), TimeUnit.SECONDS)))));
    }

    /** Shuts {@code member} down gracefully: the others take its data, and see it leave at once. */
    public void shutDown(HazelcastInstance member) {
        member.shutdown();
        members.remove(member);
    }

    /**
     * A JCache manager whose caches live in {@code member}'s cluster, as a server embedding it has.
     * Each server of a real cluster runs its own provider, with the default URI (so that all
     * servers name their caches alike): here each member gets a provider of its own for that.
     */
    public CacheManager cacheManager(HazelcastInstance member) {
        return manager(new HazelcastMemberCachingProvider(), member);
    }

    /** A Hazelcast client of the cluster: a separate view, as a management tool or a backup would have. */
    public HazelcastInstance client() {
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        for (HazelcastInstance member : members) {
            config.getNetworkConfig().addAddress("127.0.0.1:"
                    + member.getCluster().getLocalMember().getAddress().getPort());
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    /** A JCache manager of {@code client}, naming its caches as the servers' managers do. */
    public CacheManager clientCacheManager(HazelcastInstance client) {
        return manager(new HazelcastClientCachingProvider(), client);
    }

    private CacheManager manager(CachingProvider provider, HazelcastInstance instance) {
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(instance));
        managers.add(manager);
        return manager;
    }

    /** Shuts every member and client down at once, as when the cluster goes away. */
    public void shutDownAll() {
        for (List<HazelcastInstance> instances : List.of(clients, members)) {
            instances.forEach(instance -> instance.getLifecycleService().terminate());
        }
    }

    @Override
    public void close() {
        for (CacheManager manager : managers) {
            try {
                manager.close();
            } catch (RuntimeException e) {
                // the member is gone already
            }
        }
        shutDownAll();
    }
}
