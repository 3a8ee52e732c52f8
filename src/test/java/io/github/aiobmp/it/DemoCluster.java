package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Demo servers started by {@code bin/demo-cluster}, as a user starts them, on ports of their own
 * (HTTP 19080, 19081, …; Hazelcast 15701, …), so that they never meet the Arquillian server on
 * 9080 or the unit tests' members. Driven over HTTP only: the demo's calls, its token view and the
 * first server's simulator, whose tokens every server uses.
 */
final class DemoCluster implements AutoCloseable {

    static final int BASE_PORT = 19080;
    static final int HAZELCAST_BASE_PORT = 15701;
    private static final Path PROJECT = Path.of(System.getProperty("aiob.build.project-dir", "."));
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);
    private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\":\"([0-9a-f]+)\"");
    private static final Pattern TOKEN_REQUESTS = Pattern.compile("\"tokenRequests\":(\\d+)");
    private static final Pattern ISSUED_TOKENS = Pattern.compile("\"issuedTokens\":\\[([^\\]]*)\\]");

    private final int servers;
    private final Map<String, String> environment = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    /** {@code servers} demo servers; {@code environment} reaches each (every AIOB_* and HZ_* in it). */
    DemoCluster(int servers, Map<String, String> environment) {
        this.servers = servers;
        this.environment.put("BASE_PORT", String.valueOf(BASE_PORT));
        this.environment.put("HAZELCAST_BASE_PORT", String.valueOf(HAZELCAST_BASE_PORT));
        this.environment.put("HAZELCAST_CLUSTER_NAME", "aiob-cluster-it-" + UUID.randomUUID());
        // Set, so that every AIOB_* variable below reaches the servers: still the first server's simulator.
        this.environment.put("AIOB_URL", simulatorUrl());
        this.environment.putAll(environment);
    }

    static String simulatorUrl() {
        return "http://localhost:" + BASE_PORT + "/aiob-simulator";
    }

    /** Runs {@code bin/demo-cluster start}, and fails with its output unless it exits 0. */
    DemoCluster start() throws Exception {
        try {
            script("start", String.valueOf(servers));
        } catch (AssertionError | Exception e) {
            // Leave no server behind for the next IT, whose ports these are.
            script("stop");
            throw e;
        }
        return this;
    }

    /**
     * Stops the servers, then checks that no file they wrote (logs, work areas) holds the demo's
     * Access Key, its Secret Key, or any token the simulator issued.
     */
    @Override
    public void close() throws Exception {
        callers.shutdownNow();
        List<String> secrets = new ArrayList<>(List.of(AiobSimulator.DEFAULT_ACCESS_KEY,
                AiobSimulator.DEFAULT_SECRET_KEY));
        try {
            secrets.addAll(issuedTokens());
        } finally {
            script("stop");
        }
        assertTrue(secrets.size() > 2, "the simulator issued no token");
        List<String> leaks = new ArrayList<>();
        try (var files = Files.walk(PROJECT.resolve("target/cluster"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(DemoCluster::writtenByAServer).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                secrets.stream().filter(text::contains)
                        .forEach(secret -> leaks.add(Fingerprint.of(secret) + " in " + PROJECT.relativize(file)));
            }
        }
        assertEquals(List.of(), leaks, "secrets or tokens (by fingerprint) in what the servers wrote");
    }

    /** Logs and work areas; not the servers' own configuration, nor the WARs. */
    private static boolean writtenByAServer(Path file) {
        String path = file.toString();
        return !path.contains("/usr/servers/") && !path.endsWith(".war") && !path.endsWith(".jar");
    }

    /** Every token the simulator issued so far (its stats list them). */
    private List<String> issuedTokens() {
        try {
            String stats = get(URI.create(simulatorUrl() + "/control/stats"));
            Matcher list = ISSUED_TOKENS.matcher(stats);
            List<String> tokens = new ArrayList<>();
            if (list.find()) {
                Matcher token = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
                while (token.find()) {
                    tokens.add(token.group(1));
                }
            }
            return tokens;
        } catch (Exception e) {
            throw new AssertionError("the simulator on demo-1 does not answer: " + e, e);
        }
    }

    private void script(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/demo-cluster").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("demo-cluster-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String said = Files.readString(output);
        Files.delete(output);
        assertTrue(ended && process.exitValue() == 0, "bin/demo-cluster " + String.join(" ", arguments)
                + (ended ? " exited " + process.exitValue() : " did not end") + ":\n" + said);
    }

    /** The base URL of server {@code index} (0 for demo-1). */
    URI server(int index) {
        return URI.create("http://localhost:" + (BASE_PORT + index));
    }

    /** A demo realtime call on server {@code index}: its HTTP status, and its body when it failed. */
    CallResult call(int index) {
        HttpRequest request = HttpRequest.newBuilder(server(index).resolve("/demo/realtime-call"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"robotId\":\"r1\",\"mobile\":\"13800000000\",\"secretType\":2}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new CallResult(index, response.statusCode(), response.body());
        } catch (IOException e) {
            return new CallResult(index, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallResult(index, -1, e.toString());
        }
    }

    /** {@code perServer} calls on every server, all released at once; their results. */
    List<CallResult> callEveryServerAtOnce(int perServer) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CallResult>> pending = new ArrayList<>();
        for (int server = 0; server < servers; server++) {
            int index = server;
            for (int i = 0; i < perServer; i++) {
                Callable<CallResult> call = () -> {
                    go.await();
                    return call(index);
                };
                pending.add(callers.submit(call));
            }
        }
        go.countDown();
        List<CallResult> results = new ArrayList<>();
        for (Future<CallResult> result : pending) {
            results.add(result.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    /** The fingerprint server {@code index} shows on GET /demo/token, or "none". */
    String fingerprint(int index) throws Exception {
        Matcher matcher = FINGERPRINT.matcher(get(server(index).resolve("/demo/token")));
        return matcher.find() ? matcher.group(1) : "none";
    }

    /** Server {@code index}'s readiness, as JSON. */
    String readiness(int index) throws Exception {
        return get(server(index).resolve("/health/ready"));
    }

    /** Server {@code index}'s readiness, UP (200) or DOWN (503), as JSON. */
    String readinessUpOrDown(int index) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server(index).resolve("/health/ready"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 503, response.statusCode() + ": "
                + response.body());
        return response.body();
    }

    /** Server {@code index}'s Prometheus sample {@code name} whose labels hold {@code label} (the demo's). */
    double metric(int index, String name, String label) throws Exception {
        String body = get(server(index).resolve("/metrics?scope=application"));
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(body);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no " + name + "{" + label + "} on demo-" + (index + 1) + " in:\n" + body);
    }

    /** How many getToken calls the simulator answered or holds, for the whole cluster. */
    long tokenRequests() throws Exception {
        Matcher matcher = TOKEN_REQUESTS.matcher(get(URI.create(simulatorUrl() + "/control/stats")));
        assertTrue(matcher.find(), "the simulator's stats name tokenRequests");
        return Long.parseLong(matcher.group(1));
    }

    /** Sets simulator faults ({@code FaultSettings} fields as JSON). */
    void faults(String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl() + "/control/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }

    /** Revokes every token the simulator issued. */
    void revokeAll() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl()
                + "/control/revoke-all")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }

    /** Kills server {@code index}'s JVM at once, as a crash would: no shutdown, its member gone with it. */
    void kill(int index) throws Exception {
        ProcessHandle handle = process(index);
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
    }

    /**
     * Freezes server {@code index}'s JVM (SIGSTOP), or lets it run on (SIGCONT): to the other members,
     * a frozen one is as gone as one cut off by the network, and it comes back as one healed would.
     */
    void freeze(int index, boolean frozen) throws Exception {
        Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process(index).pid()))
                .redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill of demo-" + (index + 1));
    }

    private static ProcessHandle process(int index) throws IOException {
        Path pidFile = PROJECT.resolve("target/cluster/.pid/demo-" + (index + 1) + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("demo-" + (index + 1) + " does not run"));
    }

    /**
     * Kills server {@code doomed} while it holds the lease and waits for getToken, after a revocation
     * made both need a new token, and checks that server {@code survivor} serves within the lease.
     */
    void assertKilledMidGetTokenIsSurvived(int doomed, int survivor, int leaseSeconds) throws Exception {
        // A rejection within aiob.token.reauth-min-interval (1 s) of the last forced refresh is rate-limited.
        Thread.sleep(1500);
        long before = tokenRequests();
        // The doomed server takes the lease and calls getToken, which answers only after it is dead. AIOB
        // still mints that token, and a new token revokes the older ones: it must be minted before the
        // lease ends and the survivor fetches, or it revokes the survivor's token (a third getToken).
        long delayMillis = (leaseSeconds - 2) * 1000L;
        faults("{\"tokenDelayMillis\":" + delayMillis + "}");
        revokeAll();
        CompletableFuture<CallResult> onTheDoomedServer = CompletableFuture.supplyAsync(() -> call(doomed));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tokenRequests() == before) {
            assertTrue(System.nanoTime() < deadline, "demo-" + (doomed + 1) + " never asked for a token");
            Thread.sleep(20);
        }
        long asked = System.nanoTime();
        kill(doomed);
        long killedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        assertTrue(killedAfter < delayMillis, "demo-" + (doomed + 1) + " died only " + killedAfter
                + " ms after its getToken, which answers after " + delayMillis + " ms");
        faults("{\"tokenDelayMillis\":0}");

        long start = System.nanoTime();
        CallResult served = call(survivor);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(served.succeeded(), served.toString());
        assertTrue(took < (leaseSeconds + 5) * 1000L, "demo-" + (survivor + 1) + " served only after " + took
                + " ms, beyond the " + leaseSeconds + " s lease");
        assertFalse(onTheDoomedServer.get(60, TimeUnit.SECONDS).succeeded(), "the killed server answered");
        assertEquals(before + 2, tokenRequests(), () -> "the dead server's getToken, then the survivor's" + warnings());
    }

    /**
     * What the component's servers warned of, for a failed count: a store that did not answer in time
     * makes a server fetch on its own, which a machine busier than the test expects can cause.
     */
    String warnings() {
        StringBuilder said = new StringBuilder();
        for (int index = 0; index < servers; index++) {
            try {
                for (String line : logLines(index)) {
                    if (line.contains(" io.github.aiobmp.") && line.matches(".*\\s[WE]\\s.*")) {
                        said.append("\n  demo-").append(index + 1).append(": ").append(line);
                    }
                }
            } catch (IOException e) {
                said.append("\n  demo-").append(index + 1).append(": no log (").append(e).append(')');
            }
        }
        return said.length() == 0 ? " (no server warned)" : "; the servers warned:" + said;
    }

    /** The lines of server {@code index}'s messages.log, and of the files Liberty rolled it into. */
    List<String> logLines(int index) throws IOException {
        Path logs = PROJECT.resolve("target/cluster/demo-" + (index + 1) + "/logs");
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(file -> file.getFileName().toString().startsWith("messages")).sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(log));
            }
        }
        return lines;
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return response.body();
    }

    /** What one demo call came to. */
    record CallResult(int server, int status, String body) {

        boolean succeeded() {
            return status == 200;
        }
    }
}
