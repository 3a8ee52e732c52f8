package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hazelcast members in JVMs of their own, as an existing cluster runs them: started from the
 * Hazelcast jar the demo WAR carries, joined over loopback TCP-IP, killed with {@code kill -9}.
 * Writes the members' and the clients' configuration files.
 */
final class HazelcastMemberProcesses implements AutoCloseable {

    private static final Path PROJECT = Path.of(System.getProperty("aiob.build.project-dir", "."));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path directory;
    private final String clusterName;
    private final List<Integer> ports;
    private final List<Process> members = new ArrayList<>();

    HazelcastMemberProcesses(Path directory, String clusterName, int firstPort, int count) {
        this.directory = directory;
        this.clusterName = clusterName;
        this.ports = IntStream.range(firstPort, firstPort + count).boxed().toList();
    }

    /** Starts every member, and returns once each sees all the others. */
    HazelcastMemberProcesses start() throws Exception {
        Files.createDirectories(directory);
        String java = ProcessHandle.current().info().command().orElse("java");
        // Hazelcast and the JCache API: without it on a member's class path, the member has no cache service.
        String classPath;
        try (var jars = Files.list(PROJECT.resolve("target/demo-cluster-lib"))) {
            classPath = jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
        assertTrue(classPath.contains("hazelcast-") && classPath.contains("cache-api-"),
                "target/demo-cluster-lib lacks Hazelcast or cache-api (run mvn package): " + classPath);
        List<Path> logs = new ArrayList<>();
        for (int port : ports) {
            Path config = directory.resolve("member-" + port + ".xml");
            Files.writeString(config, memberXml(port));
            Path log = directory.resolve("member-" + port + ".log");
            logs.add(log);
            members.add(new ProcessBuilder(java, "-Xmx256m", "-Dhazelcast.config=" + config,
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", classPath,
                    "com.hazelcast.core.server.HazelcastMemberStarter")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            for (Path log : logs) {
                while (!Files.readString(log).contains("Members {size:" + ports.size())) {
                    assertTrue(System.nanoTime() < deadline, "the Hazelcast members did not form a cluster: see " + log);
                    Thread.sleep(200);
                }
            }
        } catch (AssertionError | Exception e) {
            killAll();
            throw e;
        }
        return this;
    }

    /** Kills every member at once, as {@code kill -9} does. */
    void killAll() throws Exception {
        members.forEach(Process::destroyForcibly);
        for (Process member : members) {
            assertTrue(member.waitFor(30, TimeUnit.SECONDS), "a member did not die");
        }
        members.clear();
    }

    /** A client configuration that knows every member, retrying for ever, quickly. */
    Path clientConfig() throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("client.xml");
        String addresses = ports.stream().map(port -> "            <address>127.0.0.1:" + port + "</address>")
                .collect(Collectors.joining("\n"));
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <hazelcast-client xmlns="http://www.hazelcast.com/schema/client-config">
                    <cluster-name>%s</cluster-name>
                    <properties>
                        <property name="hazelcast.phone.home.enabled">false</property>
                        <property name="hazelcast.logging.type">jdk</property>
                        <!-- An operation without members fails after 10 s, not 120: it holds a thread till then. -->
                        <property name="hazelcast.client.invocation.timeout.seconds">10</property>
                    </properties>
                    <network>
                        <cluster-members>
                %s
                        </cluster-members>
                    </network>
                    <connection-strategy reconnect-mode="ON">
                        <connection-retry>
                            <initial-backoff-millis>200</initial-backoff-millis>
                            <max-backoff-millis>1000</max-backoff-millis>
                            <cluster-connect-timeout-millis>-1</cluster-connect-timeout-millis>
                        </connection-retry>
                    </connection-strategy>
                </hazelcast-client>
                """.formatted(clusterName, addresses));
        return file;
    }

    @Override
    public void close() throws Exception {
        killAll();
    }

    private String memberXml(int port) {
        String memberList = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <hazelcast xmlns="http://www.hazelcast.com/schema/config">
                    <cluster-name>%s</cluster-name>
                    <properties>
                        <property name="hazelcast.phone.home.enabled">false</property>
                        <property name="hazelcast.socket.bind.any">false</property>
                    </properties>
                    <network>
                        <port auto-increment="false">%d</port>
                        <join>
                            <auto-detection enabled="false"/>
                            <multicast enabled="false"/>
                            <tcp-ip enabled="true"><members>%s</members></tcp-ip>
                        </join>
                        <interfaces enabled="true"><interface>127.0.0.1</interface></interfaces>
                    </network>
                </hazelcast>
                """.formatted(clusterName, port, memberList);
    }
}
