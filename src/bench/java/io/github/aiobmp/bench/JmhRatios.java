package io.github.aiobmp.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Reads the JSON result of the {@link HotPathBenchmark} run and prints, per thread count, each
 * benchmark's median ns/op over all measured iterations of all forks, its ratio to the volatile
 * read, and ours against each peer, with the targets of docs/benchmarks.md.
 *
 * <p>Usage: {@code JmhRatios <jmh-result.json>}
 */
public final class JmhRatios {

    private static final String FLOOR = "volatileRead";
    private static final String OURS = "oursTokenCache";
    private static final String FILTER = "oursFilter";
    private static final List<String> PEERS = List.of("awsCachedSupplier", "googleRequestMetadata");
    private static final double FLOOR_TARGET = 2.0;

    private JmhRatios() {
    }

    /**
     * One benchmark's result in ns/op: the median of all iterations, each fork's median (a fork
     * far above the others was disturbed by other load on the machine), and the mean with JMH's
     * 99.9% error.
     */
    record Score(double median, List<Double> forkMedians, double mean, double error, int samples) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: JmhRatios <jmh-result.json>");
            System.exit(2);
        }
        Map<Integer, Map<String, Score>> byThreads = read(Path.of(args[0]));
        for (Map.Entry<Integer, Map<String, Score>> entry : byThreads.entrySet()) {
            print(entry.getKey(), entry.getValue());
        }
    }

    static Map<Integer, Map<String, Score>> read(Path json) throws IOException {
        Map<Integer, Map<String, Score>> byThreads = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(json); JsonReader reader = Json.createReader(in)) {
            for (JsonValue value : reader.readArray()) {
                JsonObject run = value.asJsonObject();
                String benchmark = run.getString("benchmark");
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                JsonObject metric = run.getJsonObject("primaryMetric");
                if (!"ns/op".equals(metric.getString("scoreUnit"))) {
                    throw new IllegalArgumentException(benchmark + " is in " + metric.getString("scoreUnit")
                            + ", expected ns/op");
                }
                List<Double> samples = new ArrayList<>();
                List<Double> forkMedians = new ArrayList<>();
                for (JsonValue fork : metric.getJsonArray("rawData")) {
                    List<Double> forkSamples = new ArrayList<>();
                    for (JsonValue iteration : (JsonArray) fork) {
                        forkSamples.add(((JsonNumber) iteration).doubleValue());
                    }
                    samples.addAll(forkSamples);
                    forkMedians.add(median(forkSamples));
                }
                double error = metric.get("scoreError") instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
                Score score = new Score(median(samples), forkMedians, metric.getJsonNumber("score").doubleValue(),
                        error, samples.size());
                byThreads.computeIfAbsent(run.getInt("threads"), t -> new TreeMap<>()).put(method, score);
            }
        }
        return byThreads;
    }

    private static void print(int threads, Map<String, Score> scores) {
        Score floor = scores.get(FLOOR);
        System.out.printf(Locale.ROOT, "%n%d thread(s): median ns/op over %d iterations (mean ± 99.9%% error)%n",
                threads, floor == null ? 0 : floor.samples());
        System.out.printf(Locale.ROOT, "  %-24s %10s %10s %22s   %s%n", "benchmark", "median", "x floor",
                "mean ± error", "fork medians");
        for (Map.Entry<String, Score> entry : scores.entrySet()) {
            Score s = entry.getValue();
            String error = Double.isNaN(s.error()) ? "n/a" : String.format(Locale.ROOT, "%.2f", s.error());
            String forks = s.forkMedians().stream().map(m -> String.format(Locale.ROOT, "%.2f", m))
                    .reduce((a, b) -> a + " / " + b).orElse("");
            System.out.printf(Locale.ROOT, "  %-24s %10.2f %10s %12.2f ± %7s   %s%n", entry.getKey(), s.median(),
                    floor == null ? "-" : String.format(Locale.ROOT, "%.2f", s.median() / floor.median()), s.mean(),
                    error, forks);
        }
        Score ours = scores.get(OURS);
        if (ours == null) {
            return;
        }
        if (floor != null) {
            verdict(String.format(Locale.ROOT, "%s / %s = %.2f (target <= %.1f)", OURS, FLOOR,
                    ours.median() / floor.median(), FLOOR_TARGET), ours.median() / floor.median() <= FLOOR_TARGET);
        }
        for (String peer : PEERS) {
            Score other = scores.get(peer);
            if (other != null) {
                verdict(String.format(Locale.ROOT, "%s / %s = %.2f (target <= 1)", OURS, peer,
                        ours.median() / other.median()), ours.median() <= other.median());
            }
        }
        Score filter = scores.get(FILTER);
        if (filter != null) {
            System.out.printf(Locale.ROOT, "  %s - %s = %.2f ns (destination check and header)%n", FILTER, OURS,
                    filter.median() - ours.median());
        }
    }

    private static void verdict(String line, boolean met) {
        System.out.printf("  %-62s %s%n", line, met ? "met" : "MISSED");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
