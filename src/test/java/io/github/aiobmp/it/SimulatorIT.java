package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies over HTTP that the simulator refuses what AIOB refuses (wrong keys; a missing,
 * Bearer-prefixed, unknown, revoked or expired token), so that tests passing against it mean something;
 * that its hold releases a burst of calls together; and that it reads every body strictly and
 * answers every refusal with JSON.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SimulatorIT {

    private static final String REALTIME_CALL = "api/v3/console/realtime/status/create";
    private static final String CALL = "{\"robotId\":\"robot-1\",\"mobile\":\"13800000000\",\"secretType\":2}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.simulatorOnly("simulator-it", Map.of());
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void reset() {
        Http.post(simulator() + "control/reset", "");
    }

    @Test
    void getToken_answersAnOpaqueTokenWithItsLifetimeInMinutes_andEchoesTheSecretKey() {
        Map<String, Object> envelope = Http.json(getToken(AiobSimulator.DEFAULT_ACCESS_KEY, AiobSimulator.DEFAULT_SECRET_KEY));

        assertEquals(200, Http.intOf(envelope, "code"));
        Map<String, Object> data = data(envelope);
        assertTrue(data.get("accessToken").toString().startsWith("cc-api-auth-v2/"));
        assertEquals(43200, Http.intOf(data, "expiresTime"));
        assertEquals(AiobSimulator.DEFAULT_SECRET_KEY, data.get("secretKey"), "as AIOB does");
    }

    @Test
    void wrongKeys_getACodeOtherThan200_withAMessage_andNoToken() {
        Map<String, Object> envelope = Http.json(getToken(AiobSimulator.DEFAULT_ACCESS_KEY, "wrong-secret"));

        assertEquals(401, Http.intOf(envelope, "code"));
        assertFalse(envelope.get("msg").toString().isBlank());
        assertNull(envelope.get("data"));
    }

    @Test
    void missingAccessKey_isNamed() {
        Map<String, Object> envelope = Http.json(Http.post(simulator() + "api/v2/getToken", "{\"secretKey\":\"x\"}"));

        assertEquals(400, Http.intOf(envelope, "code"));
        assertEquals("accessKey,不能为空", envelope.get("msg"));
    }

    @Test
    void validRawToken_isAccepted() {
        assertEquals(200, call(newToken()).statusCode());
    }

    @Test
    void missingBearerPrefixedOrUnknownToken_isRefusedWithHttp401() {
        String token = newToken();

        assertEquals(401, call(null).statusCode());
        assertEquals(401, call("Bearer " + token).statusCode());
        assertEquals(401, call("cc-api-auth-v2/00000000000000000000000000000000").statusCode());
    }

    @Test
    void revokedToken_isRefused() {
        String token = newToken();
        Http.post(simulator() + "control/revoke-all", "");

        assertEquals(401, call(token).statusCode());
    }

    @Test
    void expiredToken_isRefused_onTheSimulatorsClock() {
        Http.put(simulator() + "control/faults", "{\"expiresMinutes\":1}");
        String token = newToken();
        Http.post(simulator() + "control/advance-clock?seconds=59", "");
        assertEquals(200, call(token).statusCode());

        Http.post(simulator() + "control/advance-clock?seconds=1", "");

        assertEquals(401, call(token).statusCode());
    }

    @Test
    void code401Style_refusesWithHttp200AndCode401() {
        Http.put(simulator() + "control/faults", "{\"authFailureStyle\":\"CODE_401\"}");

        HttpResponse<String> response = call("Bearer " + newToken());

        assertEquals(200, response.statusCode());
        assertEquals(401, Http.intOf(Http.json(response), "code"));
    }

    @Test
    void newTokenRevokesOlder_whenSwitchedOn() {
        Http.put(simulator() + "control/faults", "{\"newTokenRevokesOlder\":true}");
        String first = newToken();
        String second = newToken();

        assertEquals(401, call(first).statusCode());
        assertEquals(200, call(second).statusCode());
    }

    @Test
    void holdApiRequests_letsNoHeldCallThroughUntilAllHaveArrived_thenChecksThemTogether() throws Exception {
        String token = newToken();
        Http.put(simulator() + "control/faults", "{\"holdApiRequests\":3}");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<String>>> held = List.of(callers.submit(() -> call(token)),
                    callers.submit(() -> call(token)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Http.intOf(stats(), "apiRequests") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, Http.intOf(stats(), "apiRequests"), "both calls arrived");
            assertFalse(held.get(0).isDone() || held.get(1).isDone(), "released before the third arrived");
            Http.post(simulator() + "control/revoke-all", "");

            assertEquals(401, call(token).statusCode(), "the third releases all three");
            assertEquals(401, held.get(0).get(10, TimeUnit.SECONDS).statusCode(), "checked after the revocation");
            assertEquals(401, held.get(1).get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            callers.shutdownNow();
        }
        assertEquals(3, Http.intOf(stats(), "apiTokenRejections"));
        assertEquals(200, call(newToken()).statusCode(), "the hold is spent");
    }

    @Test
    void holdApiRequests_thatIsNeverFilled_answers503SayingSo_andIsThenGone() {
        String token = newToken();
        Http.put(simulator() + "control/faults", "{\"holdApiRequests\":2,\"holdTimeoutMillis\":200}");

        HttpResponse<String> response = call(token);

        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("only 1 of the 2 calls to hold arrived"), response.body());
        assertEquals(200, call(token).statusCode(), "the broken hold holds no later call");
    }

    @Test
    void reset_letsTheCallsOfAHoldGoAtOnce_sayingSo() throws Exception {
        String token = newToken();
        Http.put(simulator() + "control/faults", "{\"holdApiRequests\":2,\"holdTimeoutMillis\":30000}");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> held = caller.submit(() -> call(token));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Http.intOf(stats(), "apiRequests") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            Http.post(simulator() + "control/reset", "");

            HttpResponse<String> response = held.get(5, TimeUnit.SECONDS);
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("the hold was cancelled (reset) with 1 of the 2 calls arrived"),
                    response.body());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void putFaults_refusesAnUnknownField_andBodiesThatAreNotExactlyItsJson_namingTheProblem_andChangesNothing() {
        Map<String, String> refused = Map.of(
                "{\"failTokenRequests\":1,\"failTokenRequest\":3}", "unknown field 'failTokenRequest'; the fields are",
                "nope", "the body is not valid JSON (",
                "", "the body is empty",
                "{\"failTokenRequests\":1} xyz", "the body goes on after its JSON value, at line 1, column",
                "{\"failTokenRequests\":1,\"failTokenRequests\":1}", "the body is not valid JSON (Duplicate key 'failTokenRequests' is not allowed)",
                "{\"failTokenRequests\":\"1\"}", "failTokenRequests must be a whole number, was \"1\"",
                "[{\"failTokenRequests\":1}]", "the body is JSON array; expected an object");
        refused.forEach((body, message) -> assertControlError(400, message,
                putFaults(body.getBytes(StandardCharsets.UTF_8), "application/json")));
        byte[] notUtf8 = "{\"accessKey\":\"\u00ff\",\"secretKey\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertControlError(400, "the body is not valid UTF-8 (byte 0xff at offset 14)", putFaults(notUtf8, "application/json"));

        // Neither the failures nor other keys were applied: getToken still answers a token for the default keys.
        assertEquals(200, Http.intOf(Http.json(getToken(AiobSimulator.DEFAULT_ACCESS_KEY,
                AiobSimulator.DEFAULT_SECRET_KEY)), "code"));
    }

    @Test
    void controlRefusals_areJsonMessages_sayingWhatToSend() {
        assertControlError(404, "no such endpoint; the control endpoints are GET control/stats,",
                Http.get(simulator() + "control/no-such-endpoint"));
        HttpResponse<String> get = Http.get(simulator() + "control/faults");
        assertControlError(405, "this endpoint takes PUT", get);
        assertTrue(get.headers().firstValue("Allow").orElse("").contains("PUT"), get.headers().toString());
        assertControlError(415, "send the body as JSON, with Content-Type: application/json",
                putFaults("{}".getBytes(StandardCharsets.UTF_8), "text/plain"));
        assertControlError(406, "the answer is JSON: accept application/json", Http.send(HttpRequest.newBuilder(
                URI.create(simulator() + "control/stats")).header("Accept", "text/html").GET()));
    }

    @Test
    void apiBodies_areReadStrictly_asAiobsInvalidInput_andNoTokenIsIssued() {
        String keys = "\"accessKey\":\"" + AiobSimulator.DEFAULT_ACCESS_KEY + "\",\"secretKey\":\""
                + AiobSimulator.DEFAULT_SECRET_KEY + "\"";
        Map<String, String> refused = Map.of(
                "{" + keys + "} xyz", "the body goes on after its JSON value",
                "{" + keys + ",\"accessKey\":\"other\"}", "the body is not valid JSON (Duplicate key 'accessKey' is not allowed)",
                "nope", "the body is not valid JSON (");
        refused.forEach((body, msg) -> {
            Map<String, Object> envelope = Http.json(Http.post(simulator() + "api/v2/getToken", body));
            assertEquals(400, Http.intOf(envelope, "code"), body);
            assertTrue(envelope.get("msg").toString().startsWith(msg), envelope.toString());
        });
        assertEquals(List.of(), stats().get("issuedTokens"));

        HttpResponse<String> call = Http.send(HttpRequest.newBuilder(URI.create(simulator() + REALTIME_CALL))
                .header("Content-Type", "application/json").header("Authorization", newToken())
                .POST(HttpRequest.BodyPublishers.ofString(CALL + " xyz")));
        assertEquals(200, call.statusCode(), "AIOB's invalid input: HTTP 200 with code 400");
        assertEquals(400, Http.intOf(Http.json(call), "code"), call.body());
    }

    @Test
    void anApiPathItDoesNotServe_isAnsweredWithAiobsEnvelope() {
        HttpResponse<String> response = Http.get(simulator() + "api/v9/no-such-endpoint");

        assertEquals(404, response.statusCode());
        Map<String, Object> envelope = Http.json(response);
        assertEquals(404, Http.intOf(envelope, "code"));
        assertTrue(envelope.get("msg").toString().startsWith("no such endpoint; the simulator serves"), response.body());
    }

    private HttpResponse<String> putFaults(byte[] body, String contentType) {
        return Http.send(HttpRequest.newBuilder(URI.create(simulator() + "control/faults"))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A control endpoint's error: JSON {"message"} only, starting with {@code message}. */
    private static void assertControlError(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        Map<String, Object> error = Http.json(response);
        assertEquals(java.util.Set.of("message"), error.keySet(), response.body());
        assertTrue(error.get("message").toString().startsWith(message), response.body());
    }

    private Map<String, Object> stats() {
        return Http.json(Http.get(simulator() + "control/stats"));
    }

    private String simulator() {
        return base + "aiob-simulator/";
    }

    private HttpResponse<String> getToken(String accessKey, String secretKey) {
        return Http.post(simulator() + "api/v2/getToken",
                "{\"accessKey\":\"" + accessKey + "\",\"secretKey\":\"" + secretKey + "\"}");
    }

    private String newToken() {
        return data(Http.json(getToken(AiobSimulator.DEFAULT_ACCESS_KEY, AiobSimulator.DEFAULT_SECRET_KEY)))
                .get("accessToken").toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> envelope) {
        return (Map<String, Object>) envelope.get("data");
    }

    /** A realtime call with exactly this Authorization header, or none when null. */
    private HttpResponse<String> call(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator() + REALTIME_CALL))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CALL));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }
}
