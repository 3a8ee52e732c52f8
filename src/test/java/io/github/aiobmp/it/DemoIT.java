package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Verifies the demo end to end over HTTP, as a user calls it: AIOB's answer passes through
 * unchanged, the token status shows a fingerprint only, and failures become 502/503 JSON.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    static final String CALL = "{\"robotId\":\"robot-1\",\"mobile\":\"13800000000\",\"secretType\":2}";

    @Deployment(name = "demo", testable = false)
    static WebArchive demo() {
        // A short read timeout keeps the "AIOB too slow" test quick; a long re-authentication
        // interval makes the second revocation below certain to be inside it.
        return Deployments.demoWithSimulator("demo-it", Map.of("aiob-demo/mp-rest/readTimeout", "1000",
                "aiob.token.reauth-min-interval", "60s"));
    }

    @Deployment(name = "unreachable", testable = false)
    static WebArchive unreachable() {
        return Deployments.demo("demo-unreachable-it", Map.of("aiob.url", Deployments.closedLoopbackUrl(),
                "aiob.access-key", "some-key", "aiob.secret-key", "some-secret"));
    }

    @ArquillianResource
    @OperateOnDeployment("demo")
    URL demo;

    @ArquillianResource
    @OperateOnDeployment("unreachable")
    URL unreachable;

    @Test
    @Order(1)
    void tokenStatus_beforeAnyCall_isNoneAndFetchesNothing() {
        Map<String, Object> status = Http.json(Http.get(demo + "demo/token"));

        assertEquals(Map.of("state", "NONE"), status);
        assertEquals(0, Http.intOf(stats(), "tokenRequests"));
    }

    @Test
    @Order(2)
    void realtimeCall_returnsAiobsAnswerWithAMemberId() {
        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> envelope = Http.json(response);
        assertEquals(200, Http.intOf(envelope, "code"));
        assertNotNull(envelope.get("requestId"), "AIOB's envelope passes through unchanged");
        assertNotNull(((Map<?, ?>) envelope.get("data")).get("memberId"));
    }

    @Test
    @Order(3)
    void tokenStatus_showsFreshStateExpiryAndFingerprint_neverTheToken() {
        String token = lastAuthorization();
        HttpResponse<String> response = Http.get(demo + "demo/token");
        Map<String, Object> status = Http.json(response);

        assertEquals(Set.of("state", "expiresAt", "fingerprint"), status.keySet());
        assertEquals("FRESH", status.get("state"));
        assertEquals(Fingerprints.of(token), status.get("fingerprint"));
        // 43200 minutes, not seconds: 30 days out.
        Instant expiresAt = Instant.parse((String) status.get("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(29L * 24 * 3600)), expiresAt.toString());
        assertFalse(response.body().contains(token));
    }

    @Test
    @Order(4)
    void slowAiob_is503() {
        Http.put(simulator() + "control/faults", "{\"apiDelayMillis\":3000}");

        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        Http.put(simulator() + "control/faults", "{\"apiDelayMillis\":0}");
        assertError(503, response);
        assertEquals("AIOB did not answer in time", Http.json(response).get("error"), response.body());
    }

    @Test
    @Order(5)
    void requestRefusedByAiob_is502WithAiobsCodeAndMessage() {
        Http.put(simulator() + "control/faults", "{\"failApiRequests\":1,\"failApiCode\":400}");

        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertError(502, response);
        assertEquals(Map.of("error", "AIOB answered with an error", "detail", "code 400: simulated failure"),
                Http.json(response));
    }

    @Test
    @Order(6)
    void revokedToken_isReplacedAndTheCallResent_soTheCallerSees200() {
        int fetchedBefore = Http.intOf(stats(), "tokenRequests");
        String revoked = lastAuthorization();
        Http.post(simulator() + "control/revoke-all", "");
        Http.put(simulator() + "control/faults", "{\"authFailureStyle\":\"HTTP_401\"}");

        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(fetchedBefore + 1, Http.intOf(stats(), "tokenRequests"));
        assertFalse(revoked.equals(lastAuthorization()), "resent with the new token");
    }

    @Test
    @Order(7)
    void tokenRejectedAgainWithinTheReauthInterval_is502_sayingWhy() {
        Http.post(simulator() + "control/revoke-all", "");
        Http.put(simulator() + "control/faults", "{\"authFailureStyle\":\"CODE_401\"}");

        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertError(502, response);
        String detail = Http.json(response).get("detail").toString();
        assertTrue(detail.contains("code 401") && detail.contains("aiob.token.reauth-min-interval"), detail);
    }

    @Test
    void unreachableAiob_is503() {
        HttpResponse<String> response = Http.post(unreachable + "demo/realtime-call", CALL);

        assertError(503, response);
        assertEquals("AIOB refused the connection", Http.json(response).get("error"), response.body());
        assertTrue(Http.json(response).get("detail").toString().contains("could not be reached"), response.body());
    }

    @Test
    @Order(20)
    void badInput_is400_sayingWhatIsWrong_andNothingIsSentToAiob() {
        int before = Http.intOf(stats(), "apiRequests");
        Map<String, String> expected = Map.of(
                "", "the body is empty",
                "{\"robotId\":", "the body is not valid JSON",
                "[{\"robotId\":\"r\"}]", "the body is a JSON array",
                "{\"robotId\":\"r\",\"mobile\":\"13800000000\",\"secretType\":\"two\"}", "secretType must be 1",
                "{\"robotId\":\"r\",\"secretType\":2}", "mobile is required",
                "{\"robotId\":\"" + "r".repeat(8 * 1024 * 1024) + "\",\"mobile\":\"1\",\"secretType\":2}",
                "the body is larger than 16384 bytes");

        expected.forEach((body, detail) -> assertInvalidCall(body.getBytes(StandardCharsets.UTF_8), detail));

        assertEquals(before, Http.intOf(stats(), "apiRequests"), "nothing was sent to AIOB");
    }

    @Test
    @Order(21)
    void whatALenientReaderLetsThrough_is400_namingIt_andNothingIsSentToAiob() {
        int before = Http.intOf(stats(), "apiRequests");

        assertInvalidCall((CALL + " xyz").getBytes(StandardCharsets.UTF_8),
                "the body goes on after its JSON value, at line 1, column");
        assertInvalidCall(("{\"robotId\":\"r1\",\"robotId\":\"r2\",\"mobile\":\"13800000000\",\"secretType\":2}")
                .getBytes(StandardCharsets.UTF_8), "Duplicate key 'robotId'");
        byte[] notUtf8 = CALL.replace("robot-1", "r\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        assertInvalidCall(notUtf8, "the body is not valid UTF-8 (byte 0xff at offset 13)");

        assertEquals(before, Http.intOf(stats(), "apiRequests"), "nothing was sent to AIOB");
    }

    @Test
    void theServersRefusals_areJson_sayingWhatToSend() {
        String call = demo + "demo/realtime-call";
        assertRefusal(404, "Not Found", "no such endpoint; the demo has POST /demo/realtime-call and GET /demo/token",
                Http.get(demo + "demo/no-such-endpoint"));
        HttpResponse<String> get = Http.get(call);
        assertRefusal(405, "Method Not Allowed", "this endpoint takes POST", get);
        assertTrue(get.headers().firstValue("Allow").orElse("").contains("POST"), get.headers().toString());
        assertRefusal(406, "Not Acceptable", "the answer is JSON: accept application/json", Http.send(
                HttpRequest.newBuilder(URI.create(call)).header("Content-Type", "application/json")
                        .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(CALL))));
        assertRefusal(415, "Unsupported Media Type", "send the body as JSON, with Content-Type: application/json",
                Http.send(HttpRequest.newBuilder(URI.create(call)).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(CALL))));
    }

    private void assertInvalidCall(byte[] body, String detail) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(demo + "demo/realtime-call"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertError(400, response);
        Map<String, Object> error = Http.json(response);
        assertEquals("Invalid realtime call", error.get("error"));
        assertTrue(((String) error.get("detail")).contains(detail), response.body());
    }

    private static void assertRefusal(int status, String error, String detail, HttpResponse<String> response) {
        assertError(status, response);
        assertEquals(Map.of("error", error, "detail", detail), Http.json(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    /** A JSON error with exactly "error" and "detail", and no stack trace. */
    static void assertError(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Set.of("error", "detail"), Http.json(response).keySet(), response.body());
        assertFalse(response.body().contains("\tat "), response.body());
        assertFalse(response.body().contains("cc-api-auth-v2/"), response.body());
    }

    private String simulator() {
        return demo + "aiob-simulator/";
    }

    private Map<String, Object> stats() {
        return Http.json(Http.get(simulator() + "control/stats"));
    }

    private String lastAuthorization() {
        List<?> seen = (List<?>) stats().get("authorizations");
        return (String) seen.get(seen.size() - 1);
    }
}
