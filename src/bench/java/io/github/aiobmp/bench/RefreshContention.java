package io.github.aiobmp.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import com.google.auth.oauth2.OAuth2Credentials;

import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.cache.TokenGrant;

import software.amazon.awssdk.utils.cache.CachedSupplier;

/**
 * Many threads hammer one token holder across a refresh: at the token's expiry (every caller must
 * wait for the new token) and at the refresh-ahead point (the old token is still valid), with a
 * token source that takes a while to answer. For ours and the peers, reports how many getToken
 * calls each refresh caused, how long callers waited, and the drain: how long after the new token
 * existed the last waiting caller had it. Each scenario runs several times; the medians are shown.
 *
 * <p>Options (all optional): {@code --threads 64 --repeats 5 --fetch-millis 50 --lifetime-millis 1500
 * --ahead-millis 700 --pause-micros 100}. {@code --pause-micros 0} makes the callers spin; with more
 * callers than cores, their waits then include the scheduler's time slices.
 */
public final class RefreshContention {

    /** Where the hammering starts before the refresh falls due, and goes on after it. */
    private static final Duration LEAD = Duration.ofMillis(300);
    private static final Duration TAIL = Duration.ofMillis(300);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    private static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    enum Scenario {
        EXPIRY("across the token's expiry: no refresh ahead, every caller needs the new token"),
        REFRESH_AHEAD("across the refresh-ahead point: the old token stays valid during the refresh");

        final String description;

        Scenario(String description) {
            this.description = description;
        }
    }

    enum Holder {
        OURS("ours (TokenCache)"),
        AWS_ONE_CALLER_BLOCKS("AWS CachedSupplier, OneCallerBlocks"),
        AWS_NON_BLOCKING("AWS CachedSupplier, NonBlocking"),
        GOOGLE("Google OAuth2Credentials");

        final String label;

        Holder(String label) {
            this.label = label;
        }
    }

    record Options(int threads, int repeats, Duration fetchTime, Duration lifetime, Duration refreshAhead,
            long pauseNanos) {

        static Options parse(String[] args) {
            Map<String, Long> values = new java.util.HashMap<>(Map.of("threads", 64L, "repeats", 5L,
                    "fetch-millis", 50L, "lifetime-millis", 1500L, "ahead-millis", 700L, "pause-micros", 100L));
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].replaceFirst("^--", "");
                if (!values.containsKey(name) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("Unknown option or missing value: " + args[i]
                            + "; options are --" + String.join(" N --", values.keySet()) + " N");
                }
                values.put(name, Long.parseLong(args[i + 1]));
            }
            Options options = new Options(Math.toIntExact(values.get("threads")), Math.toIntExact(values.get("repeats")),
                    Duration.ofMillis(values.get("fetch-millis")), Duration.ofMillis(values.get("lifetime-millis")),
                    Duration.ofMillis(values.get("ahead-millis")), TimeUnit.MICROSECONDS.toNanos(values.get("pause-micros")));
            if (options.refreshAhead.multipliedBy(2).compareTo(options.lifetime) > 0
                    || options.refreshAhead.compareTo(options.fetchTime.plus(LEAD).plus(TAIL)) < 0) {
                throw new IllegalArgumentException("--ahead-millis must be at most half the lifetime and more than "
                        + "the fetch time plus " + LEAD.plus(TAIL).toMillis() + " ms");
            }
            return options;
        }
    }

    /** What one run measured; times in milliseconds, NaN where nothing was there to measure. */
    record Run(int refreshFetches, double waitP50, double waitP99, int blockedCallers, double drain, double noiseP99,
            long errors, long oldTokenAfterExpiry, double callsPerSecond) {
    }

    private RefreshContention() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "%d threads, each calling then pausing %d µs; token lifetime %d ms, refresh-ahead"
                + " %d ms, getToken takes %d ms; a warm-up run, then %d runs per holder and scenario, interleaved%n", options.threads,
                TimeUnit.NANOSECONDS.toMicros(options.pauseNanos), options.lifetime.toMillis(),
                options.refreshAhead.toMillis(), options.fetchTime.toMillis(), options.repeats);
        for (Scenario scenario : Scenario.values()) {
            for (Holder holder : Holder.values()) {
                runOnce(scenario, holder, options); // warm-up: class loading, JIT, first thread-pool use
            }
            Map<Holder, List<Run>> runs = new EnumMap<>(Holder.class);
            for (int repeat = 0; repeat < options.repeats; repeat++) {
                for (Holder holder : Holder.values()) {
                    runs.computeIfAbsent(holder, h -> new ArrayList<>()).add(runOnce(scenario, holder, options));
                }
            }
            print(scenario, runs);
        }
    }

    static Run runOnce(Scenario scenario, Holder holder, Options options) throws Exception {
        Duration ahead = scenario == Scenario.EXPIRY ? Duration.ZERO : options.refreshAhead;
        SlowTokenSource source = new SlowTokenSource(options.fetchTime, options.lifetime);
        ExecutorService fetchExecutor = Executors.newCachedThreadPool(daemon("fetch"));
        AutoCloseable closer = fetchExecutor::shutdownNow;
        ContentionCaller.TokenCall call;
        switch (holder) {
            case OURS -> {
                TokenCache cache = Ours.cache(() -> new TokenGrant(source.fetch().value(), options.lifetime),
                        new RefreshPolicy(ahead, Duration.ZERO, Duration.ZERO), fetchExecutor);
                closer = cache::close; // its refresh timer would otherwise fire into the stopped executor
                call = cache::token;
            }
            case AWS_ONE_CALLER_BLOCKS, AWS_NON_BLOCKING -> {
                CachedSupplier<String> supplier = Peers.slowAws(source, ahead, holder == Holder.AWS_NON_BLOCKING);
                closer = supplier::close;
                call = supplier::get;
            }
            case GOOGLE -> {
                OAuth2Credentials credentials = Peers.slowGoogle(source, ahead);
                URI uri = URI.create("https://aiob.example/api");
                call = () -> Peers.googleAuthorization(credentials, uri);
            }
            default -> throw new IllegalStateException(holder.name());
        }
        try {
            return hammer(scenario, call, source, ahead, options);
        } finally {
            closer.close();
            fetchExecutor.shutdownNow();
        }
    }

    private static Run hammer(Scenario scenario, ContentionCaller.TokenCall call, SlowTokenSource source,
            Duration ahead, Options options) throws Exception {
        String firstToken = call.token();
        if (!firstToken.endsWith(SlowTokenSource.tokenValue(1))) {
            throw new IllegalStateException("the first token should be the first fetched");
        }
        long dueNanos = source.fetches().get(0).startNanos() + options.lifetime.minus(ahead).toNanos();
        long oldTokenDeadline = scenario == Scenario.EXPIRY
                ? dueNanos + TimeUnit.MILLISECONDS.toNanos(1) : Long.MAX_VALUE;
        CountDownLatch go = new CountDownLatch(1);
        List<ContentionCaller> callers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.threads; i++) {
            ContentionCaller caller = new ContentionCaller(call, SlowTokenSource.tokenValue(1), options.pauseNanos,
                    oldTokenDeadline, go);
            Thread thread = new Thread(caller, "caller-" + i);
            thread.setDaemon(true);
            thread.start();
            callers.add(caller);
            threads.add(thread);
        }
        sleepUntil(dueNanos - LEAD.toNanos());
        long hammerStart = System.nanoTime();
        go.countDown();
        long giveUp = dueNanos + GIVE_UP.toNanos();
        while (source.fetches().size() < 2 && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        Thread.sleep(TAIL.toMillis());
        callers.forEach(ContentionCaller::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        long hammerEnd = System.nanoTime();
        return measure(callers, source, hammerEnd - hammerStart);
    }

    private static Run measure(List<ContentionCaller> callers, SlowTokenSource source, long hammerNanos) {
        List<SlowTokenSource.Fetch> fetches = source.fetches();
        long calls = callers.stream().mapToLong(c -> c.calls).sum();
        long errors = callers.stream().mapToLong(c -> c.errors).sum();
        long oldAfter = callers.stream().mapToLong(c -> c.oldTokenAfterDeadline).sum();
        double callsPerSecond = calls * 1e9 / hammerNanos;
        if (fetches.size() < 2) {
            return new Run(fetches.size() - 1, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, errors, oldAfter,
                    callsPerSecond);
        }
        SlowTokenSource.Fetch refresh = fetches.get(1);
        long[] waits = callers.stream().mapToLong(c -> c.longestCallDuring(refresh.startNanos(), refresh.endNanos()))
                .sorted().toArray();
        long[] noise = callers.stream().mapToLong(c -> c.longestCallOutside(refresh.startNanos(), refresh.endNanos()))
                .sorted().toArray();
        int blocked = (int) Arrays.stream(waits).filter(w -> w >= BLOCKED_NANOS).count();
        // The drain counts only callers that were waiting: their first new token came from a call
        // that started before the new token existed.
        double drain = callers.stream().filter(c -> c.firstNewStart >= 0 && c.firstNewStart < refresh.endNanos())
                .mapToLong(c -> c.firstNewEnd - refresh.endNanos()).max().stream()
                .mapToDouble(RefreshContention::millis).findFirst().orElse(Double.NaN);
        return new Run(fetches.size() - 1, millis(percentile(waits, 50)), millis(percentile(waits, 99)), blocked,
                drain, millis(percentile(noise, 99)), errors, oldAfter, callsPerSecond);
    }

    private static void print(Scenario scenario, Map<Holder, List<Run>> runs) {
        System.out.printf(Locale.ROOT, "%nRefresh %s%n", scenario.description);
        System.out.printf(Locale.ROOT, "  %-38s %-16s %9s %9s %8s %9s %9s %7s %9s %10s%n", "holder (medians)",
                "getToken per run", "wait p50", "wait p99", "blocked", "drain", "noise p99", "errors", "old after",
                "calls/s");
        for (Map.Entry<Holder, List<Run>> entry : runs.entrySet()) {
            List<Run> list = entry.getValue();
            String fetches = list.stream().map(r -> Integer.toString(r.refreshFetches()))
                    .reduce((a, b) -> a + "," + b).orElse("");
            System.out.printf(Locale.ROOT, "  %-38s %-16s %9s %9s %8.0f %9s %9s %7.0f %9.0f %10.0f%n",
                    entry.getKey().label, fetches, ms(median(list, Run::waitP50)), ms(median(list, Run::waitP99)),
                    median(list, Run::blockedCallers), ms(median(list, Run::drain)), ms(median(list, Run::noiseP99)),
                    median(list, Run::errors), median(list, Run::oldTokenAfterExpiry), median(list, Run::callsPerSecond));
        }
        System.out.println("  (times in ms; wait: each caller's longest call during the getToken, p50/p99 over"
                + " callers; blocked: callers that waited 1 ms or more; drain: from the new token's arrival to the last"
                + " waiting caller having it, '-' if none waited; noise: longest call outside the refresh; old after:"
                + " calls given the old token after its expiry)");
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
