import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;

/**
 * Prints the port of the Hazelcast member that owns an account's entries in the token caches
 * (grants and leases share the key, so the partition): bench/partition.sh freezes that member.
 * The key is the component's AccountKey: 32 hex of the SHA-256 of "scheme://host:port\naccessKey".
 *
 * Usage: java -cp hazelcast.jar bench/EntryOwner.java CLUSTER_NAME ORIGIN ACCESS_KEY MEMBER...
 * (ORIGIN as scheme://host:port, MEMBER as host:port).
 */
public class EntryOwner {

    public static void main(String[] args) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((args[1] + "\n" + args[2]).getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(digest, 0, 16);
        ClientConfig config = new ClientConfig();
        config.setClusterName(args[0]);
        for (int i = 3; i < args.length; i++) {
            config.getNetworkConfig().addAddress(args[i]);
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            System.out.println(client.getPartitionService().getPartition(key).getOwner().getSocketAddress().getPort());
        } finally {
            client.shutdown();
        }
    }
}
