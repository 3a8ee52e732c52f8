package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Two applications in one server, each with its own token holder (the local store), share one
 * credential against an AIOB where every new token revokes the older ones, as two deployments on
 * one key do: they keep revoking each other's token. Verifies that each sees the contention and
 * says so (a metric), that getToken calls stay bounded by the back-off, that every call either
 * succeeds or fails with a clear error, and that both keep succeeding some of the time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SharedCredentialIT {

    private static final int CALLS_PER_CALLER = 100;
    private static final int CALLERS_PER_APP = 2;
    private static final long REAUTH_INTERVAL_MILLIS = 500;

    @Deployment(name = "a", testable = false)
    static WebArchive first() {
        return Deployments.withObservability(Deployments.demoWithSimulator("shared-a", Map.of(
                "aiob.token.reauth-min-interval", REAUTH_INTERVAL_MILLIS + "ms")));
    }

    @Deployment(name = "b", testable = false)
    static WebArchive second() {
        return Deployments.withObservability(Deployments.demo("shared-b", Map.of(
                "aiob.url", Deployments.simulatorUrl("shared-a"),
                "aiob.access-key", AiobSimulator.DEFAULT_ACCESS_KEY,
                "aiob.secret-key", AiobSimulator.DEFAULT_SECRET_KEY,
                "aiob.token.reauth-min-interval", REAUTH_INTERVAL_MILLIS + "ms")));
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL appA;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL appB;

    @Test
    void holdersRevokingEachOther_stayBounded_andEveryCallEndsClearly() throws Exception {
        String simulator = appA + "aiob-simulator/";
        assertEquals(204, Http.put(simulator + "control/faults", "{\"newTokenRevokesOlder\":true}").statusCode());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<URL, AtomicInteger> successes = Map.of(appA, new AtomicInteger(), appB, new AtomicInteger());
        ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS_PER_APP);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (URL app : List.of(appA, appB)) {
                for (int i = 0; i < CALLERS_PER_APP; i++) {
                    running.add(callers.submit(() -> {
                        for (int call = 0; call < CALLS_PER_CALLER; call++) {
                            HttpResponse<String> response = Http.post(app + "demo/realtime-call", DemoIT.CALL);
                            outcomes.computeIfAbsent(outcome(response), k -> new AtomicInteger()).incrementAndGet();
                            if (response.statusCode() == 200) {
                                successes.get(app).incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> caller : running) {
                caller.get(120, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int tokenRequests = Http.intOf(Http.json(Http.get(simulator + "control/stats")), "tokenRequests");
        Http.post(simulator + "control/reset", "");
        System.out.printf("SharedCredentialIT: %.1f s, %d getToken, outcomes %s, successes A %s B %s%n", seconds,
                tokenRequests, outcomes, successes.get(appA), successes.get(appB));

        for (String application : List.of("shared-a", "shared-b")) {
            assertEquals(1, Http.metric(application, "aiob_token_contentions_total", ""),
                    application + " saw the contention begin once");
            assertEquals(1, Http.metric(application, "aiob_token_contention", ""), application + " is in it");
        }
        // Each holder: its first fetch, then two refreshes forced at least an interval apart (then contention
        // begins), then waits doubling from the interval: [0.5 s, 1 s), [1, 2), [2, 4), [4, 8) …
        long bound = 2 * (3 + (long) Math.ceil(Math.log(seconds * 1000 / REAUTH_INTERVAL_MILLIS + 1) / Math.log(2)));
        assertTrue(tokenRequests <= bound, tokenRequests + " getToken calls in " + seconds + " s; bound " + bound);
        assertEquals(Map.of(), withoutClearOutcomes(outcomes), "calls that neither succeeded nor failed clearly");
        assertTrue(successes.get(appA).get() > 0 && successes.get(appB).get() > 0, "both apps keep working: " + successes);
    }

    /** "200", or "502 AIOB rejected the token", or whatever else came back. */
    private static String outcome(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return "200";
        }
        Object error = response.body().startsWith("{") ? Http.json(response).get("error") : response.body();
        return response.statusCode() + " " + error;
    }

    private static Map<String, AtomicInteger> withoutClearOutcomes(Map<String, AtomicInteger> outcomes) {
        Map<String, AtomicInteger> unclear = new ConcurrentHashMap<>(outcomes);
        unclear.remove("200");
        unclear.remove("502 AIOB rejected the token");
        return unclear;
    }
}
