package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real network cut: {@code bench/partition.sh}, shortened, cuts demo-3's Hazelcast member off
 * from the two others with iptables in a network namespace of its own (three demo servers,
 * split-brain protection, 1-minute tokens, every new token revoking the older ones, calls on every
 * server), then heals it. Checked from its figures: the side that keeps quorum fails no call once
 * the split is detected, and makes at most about one getToken per 10 s; the cut-off server refuses
 * its calls with the typed 503; after the heal every server is ready with one token. Needs root, iproute2 and
 * iptables ({@code .ci/run} installs them): elsewhere it is skipped, saying which is missing.
 */
class PartitionClusterIT {

    private static final Path PROJECT = Path.of(System.getProperty("aiob.build.project-dir", "."));
    private static final int BEFORE_SECONDS = 20;
    private static final int CUT_SECONDS = 40;
    private static final int AFTER_SECONDS = 40;

    @Test
    void memberCutOff_majorityServesEveryCall_minorityRefuses_andOneTokenAfterTheHeal() throws Exception {
        String missing = whyNot();
        Assumptions.assumeTrue(missing == null, missing);
        Path log = PROJECT.resolve("target/partition-it.log");
        ProcessBuilder builder = new ProcessBuilder(PROJECT.resolve("bench/partition.sh").toString())
                .directory(PROJECT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PARTITION_BEFORE_SECONDS", String.valueOf(BEFORE_SECONDS));
        builder.environment().put("PARTITION_SECONDS", String.valueOf(CUT_SECONDS));
        builder.environment().put("PARTITION_AFTER_SECONDS", String.valueOf(AFTER_SECONDS));
        Process script = builder.start();
        boolean ended = script.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            script.destroy();
            script.waitFor(60, TimeUnit.SECONDS);
        }
        String said = Files.readString(log);
        assertTrue(ended && script.exitValue() == 0, "bench/partition.sh " + (ended ? "exited " + script.exitValue()
                : "did not end in 10 minutes") + ":\n" + said);

        Properties figures = new Properties();
        try (Reader reader = Files.newBufferedReader(PROJECT.resolve("target/bench-partition/figures.properties"))) {
            figures.load(reader);
        }
        String summary = "\n" + said;
        String detected = figures.getProperty("split.detected.after.seconds");
        assertNotEquals("none", detected, "demo-3's member never found itself alone" + summary);
        double detectedAfter = Double.parseDouble(detected);
        assertTrue(detectedAfter < 30, "the split was detected only " + detected + " s after the cut" + summary);

        assertEquals("0", figures.getProperty("majority.failed"), "calls failed on the side that keeps quorum, from"
                + " 10 s after the detection to the heal" + summary);
        long majorityCalls = Long.parseLong(figures.getProperty("majority.calls"));
        assertTrue(majorityCalls > 0, summary);
        long allowed = (long) Math.ceil((CUT_SECONDS - detectedAfter) / 10) + 1;
        assertTrue(Long.parseLong(figures.getProperty("split.gettokens.after.detection")) <= allowed,
                "getTokens from the detection to the heal: at most about one per 10 s (" + allowed + ")" + summary);

        long minorityCalls = Long.parseLong(figures.getProperty("minority.calls"));
        long refused = Long.parseLong(figures.getProperty("minority.refused"));
        // Its calls pass on the token it holds, while AIOB accepts it, until its store refuses it (at
        // a rejection, a refresh, or its poll); from then on it refuses them.
        assertTrue(minorityCalls > 0 && refused > 0, "demo-3 never refused a call once it was cut off" + summary);
        // A rejection kept by the back-off asks the store at most once a second: the calls rejected in
        // that second, as the member finds itself alone, may still answer 502 (about 8 calls a second).
        Map<String, Long> statuses = statuses(figures.getProperty("minority.statuses"));
        assertTrue(statuses.getOrDefault("503", 0L) > 0 && statuses.getOrDefault("502", 0L) <= 10
                && Set.of("502", "503").containsAll(statuses.keySet()), "demo-3's refusals are the typed 503, but"
                + " for a second's worth of 502" + summary);

        String converged = figures.getProperty("heal.converged.after.seconds");
        assertNotEquals("none", converged, "the servers never showed one token again, all ready" + summary);
        assertTrue(Double.parseDouble(converged) < 30, "one token on every server, all ready, only " + converged
                + " s after the heal" + summary);
    }

    /** {@code [503:205,502:2]} as a map from status to count. */
    private static Map<String, Long> statuses(String list) {
        return Arrays.stream(list.replaceAll("[\\[\\]]", "").split(",")).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.split(":"))
                .collect(Collectors.toMap(entry -> entry[0], entry -> Long.parseLong(entry[1])));
    }

    /** What the machine lacks for the cut, or null when it has everything. */
    private static String whyNot() {
        try {
            if (!run("id", "-u").strip().equals("0")) {
                return "a network namespace and iptables rules need root";
            }
            for (String command : List.of("ip", "iptables")) {
                if (run("sh", "-c", "command -v " + command).isBlank()) {
                    return command + " is not installed (.ci/run installs iproute2 and iptables)";
                }
            }
            // What the script does: a namespace of its own, a firewall rule inside it.
            String probe = "aiob-probe-" + ProcessHandle.current().pid();
            String tried = run("sh", "-c", "ip netns add " + probe + " 2>&1 && { ip netns exec " + probe
                    + " iptables -A INPUT -p tcp --dport 9 -j DROP 2>&1 && echo made; ip netns delete " + probe
                    + "; }");
            return tried.contains("made") ? null : "no network namespace with firewall rules can be made here: "
                    + tried.strip();
        } catch (IOException | InterruptedException e) {
            return "could not check the machine: " + e;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
