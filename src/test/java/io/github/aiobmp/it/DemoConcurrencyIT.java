package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verifies that 100 concurrent first calls on a fresh token holder cause exactly one getToken. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoConcurrencyIT {

    private static final int CALLERS = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWithSimulator("demo-burst-it", Map.of());
    }

    @ArquillianResource
    URL demo;

    @Test
    void hundredConcurrentFirstCalls_shareOneGetToken() throws Exception {
        List<HttpResponse<String>> responses = Burst.post(CALLERS, demo + "demo/realtime-call", CALL);

        for (HttpResponse<String> response : responses) {
            assertEquals(200, response.statusCode(), response.body());
        }
        Map<String, Object> stats = Http.json(Http.get(demo + "aiob-simulator/control/stats"));
        assertEquals(1, Http.intOf(stats, "tokenRequests"));
        assertEquals(CALLERS, Http.intOf(stats, "apiRequests"));
        assertEquals(1, new HashSet<>((List<?>) stats.get("authorizations")).size(), "one token for all");
    }
}
