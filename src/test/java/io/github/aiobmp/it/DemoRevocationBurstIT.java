package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
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
 * Verifies, over HTTP as a user calls the demo, that 50 realtime calls sent at once when AIOB has
 * just revoked the token all succeed with one getToken, for both ways AIOB may refuse the token;
 * and that when the replacement fetch is refused, every caller is told that, not something else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// The refused fetch last: its failure is remembered for the rest of the class.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoRevocationBurstIT {

    private static final int CALLERS = 50;
    /** The default aiob.token.reauth-min-interval, kept on purpose: a fix must work with it. */
    private static final long REAUTH_MIN_INTERVAL_MILLIS = 1000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWithSimulator("demo-revocation-burst-it",
                // Each burst revokes a young token on purpose: each must force its getToken, not a
                // contention back-off (ContentionTest and SharedCredentialIT test that).
                Map.of("aiob.token.failure-backoff-initial", "10s", "aiob.token.contention.rejections", "0"));
    }

    @ArquillianResource
    URL demo;

    @AfterEach
    void outwaitTheForcedRefreshInterval() throws InterruptedException {
        // Each test forces a refresh; a second revocation within the interval is rate-limited, by design.
        Thread.sleep(REAUTH_MIN_INTERVAL_MILLIS + 100);
    }

    @Test
    @Order(1)
    void revokedUnderABurst_refusedByHttp401_everyCallSucceeds_withOneGetToken() throws Exception {
        assertEveryCallSucceeds("HTTP_401");
    }

    @Test
    @Order(2)
    void revokedUnderABurst_refusedByCode401InHttp200_everyCallSucceeds_withOneGetToken() throws Exception {
        assertEveryCallSucceeds("CODE_401");
    }

    @Test
    @Order(3)
    void revokedUnderABurst_replacementRefused_everyCallerIsToldTheCredentialsWereRefused() throws Exception {
        Map<String, Object> before = warmAndRevoke("CODE_401");
        faults("{\"accessKey\":\"another-key\",\"secretKey\":\"another-secret\"}");

        List<HttpResponse<String>> responses = Burst.post(CALLERS, demo + "demo/realtime-call", CALL);

        for (HttpResponse<String> response : responses) {
            assertEquals(502, response.statusCode(), response.body());
            Map<String, Object> error = Http.json(response);
            assertEquals("AIOB rejected the credentials", error.get("error"), response.body());
            assertTrue(((String) error.get("detail")).contains("msg 'accessKey or secretKey is invalid'"),
                    response.body());
        }
        Map<String, Object> after = stats();
        assertEquals(1, delta("tokenRequests", before, after), "one refused getToken for the whole burst");
        assertEquals(CALLERS, delta("apiTokenRejections", before, after), "every call presented the revoked token");
    }

    private void assertEveryCallSucceeds(String style) throws Exception {
        Map<String, Object> before = warmAndRevoke(style);

        List<HttpResponse<String>> responses = Burst.post(CALLERS, demo + "demo/realtime-call", CALL);

        for (HttpResponse<String> response : responses) {
            assertEquals(200, response.statusCode(), response.body());
        }
        Map<String, Object> after = stats();
        assertEquals(1, delta("tokenRequests", before, after), "one getToken for the whole burst");
        assertEquals(CALLERS, delta("apiTokenRejections", before, after), "every call presented the revoked token");
        assertEquals(2 * CALLERS, delta("apiRequests", before, after), "each call was rejected once, then resent");
    }

    /**
     * Makes sure the demo holds a token, then revokes it and has the simulator hold the next
     * {@link #CALLERS} API calls until all have arrived, so that every one presents the revoked
     * token. Returns the simulator's stats as they are then.
     */
    private Map<String, Object> warmAndRevoke(String style) {
        assertEquals(200, Http.post(demo + "demo/realtime-call", CALL).statusCode());
        faults("{\"authFailureStyle\":\"" + style + "\",\"holdApiRequests\":" + CALLERS + "}");
        assertEquals(204, Http.post(demo + "aiob-simulator/control/revoke-all", "").statusCode());
        return stats();
    }

    private static int delta(String counter, Map<String, Object> before, Map<String, Object> after) {
        return Http.intOf(after, counter) - Http.intOf(before, counter);
    }

    private Map<String, Object> stats() {
        return Http.json(Http.get(demo + "aiob-simulator/control/stats"));
    }

    private void faults(String json) {
        assertEquals(204, Http.put(demo + "aiob-simulator/control/faults", json).statusCode());
    }
}
