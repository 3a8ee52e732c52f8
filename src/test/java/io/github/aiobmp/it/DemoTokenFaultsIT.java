package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static io.github.aiobmp.it.DemoIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that token-endpoint faults reach the demo's caller as 502/503 JSON that says what to
 * fix, that a failure is remembered for its backoff, and that a later call succeeds once the
 * endpoint recovers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// Failing fetches first: once a call succeeds, the demo holds a token and fetches no more.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTokenFaultsIT {

    /** A failed fetch is remembered for at most this long here (the backoff's largest step). */
    private static final long BACKOFF_MAX_MILLIS = 500;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWithSimulator("demo-token-faults-it", Map.of(
                "aiob.token.failure-backoff-initial", BACKOFF_MAX_MILLIS + "ms",
                "aiob.token.failure-backoff-max", BACKOFF_MAX_MILLIS + "ms"));
    }

    @ArquillianResource
    URL demo;

    @AfterEach
    void resetSimulatorAndOutwaitTheBackoff() throws InterruptedException {
        Http.post(demo + "aiob-simulator/control/reset", "");
        Thread.sleep(BACKOFF_MAX_MILLIS + 50);
    }

    @Test
    @Order(1)
    void rejectedCredentials_are502_namingTheKeys_withoutTheSecret() {
        faults("{\"accessKey\":\"another-key\",\"secretKey\":\"another-secret\"}");

        HttpResponse<String> response = call();

        assertError(502, response);
        assertTrue(response.body().contains("aiob.access-key"), response.body());
        assertFalse(response.body().contains("demo-secret-key"), response.body());
        HttpResponse<String> again = call();
        assertEquals(response.body(), again.body(), "the rejection is remembered");
        assertEquals(1, tokenRequests(), "so the second call cost no getToken");
    }

    @Test
    @Order(3)
    void garbageFromGetToken_is502_andACallAfterTheBackoffSucceeds() throws InterruptedException {
        faults("{\"malformTokenResponses\":1,\"malformation\":\"TRUNCATED_JSON\"}");

        assertError(502, call());
        Thread.sleep(BACKOFF_MAX_MILLIS + 50);
        assertEquals(200, call().statusCode());
    }

    @Test
    @Order(2)
    void getTokenFailingBeyondTheRetries_is503() {
        faults("{\"failTokenRequests\":3,\"failStatus\":500}");

        HttpResponse<String> response = call();

        assertError(503, response);
        assertEquals(3, tokenRequests());
    }

    private int tokenRequests() {
        return Http.intOf(Http.json(Http.get(demo + "aiob-simulator/control/stats")), "tokenRequests");
    }

    private HttpResponse<String> call() {
        return Http.post(demo + "demo/realtime-call", CALL);
    }

    private void faults(String json) {
        assertEquals(204, Http.put(demo + "aiob-simulator/control/faults", json).statusCode());
    }
}
