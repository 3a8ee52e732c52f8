package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies /health/ready and /metrics on Liberty: UP with a token, DOWN with a reason a person can
 * act on (AIOB's answer, the missing key, the unreachable host) and never a secret; liveness
 * unaffected; the fetch, wait, re-authentication and expiry metrics move as the holder works.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessAndMetricsIT {

    private static final String NAME = "ops-it";
    private static final String URL = "http://localhost:9080/" + NAME + "/aiob-simulator";
    private static final String MISSING_URL = "http://localhost:9080/ops-missing-it/aiob-simulator";
    private static final String SERVER = "http://localhost:9080/";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(name = NAME)
    static WebArchive deployment() {
        // Http reads the metrics, from inside the server as from outside.
        return Deployments.withObservability(Deployments.componentWithSimulator(NAME, Map.of())).addClass(Http.class);
    }

    /** A second application whose credentials are missing: its readiness must say which keys. */
    @Deployment(name = "missing", testable = false)
    static WebArchive missingCredentials() {
        return Deployments.withObservability(Deployments.component(Deployments.simulatorOnly("ops-missing-it",
                Map.of("aiob.url", MISSING_URL))));
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @AfterEach
    void restore() {
        FreshState.restore(tokens, simulator);
    }

    @Test
    @OperateOnDeployment(NAME)
    void withAToken_readinessIsUp_showingStateExpiryAndFingerprint() throws Exception {
        String token = tokens.token();

        JsonObject check = readinessCheck(URL);

        assertEquals("UP", check.getString("status"));
        JsonObject data = check.getJsonObject("data");
        assertEquals("FRESH", data.getString("state"));
        assertEquals(tokens.status().fingerprint(), data.getString("fingerprint"));
        assertNotNull(data.getString("expiresAt"));
        assertFalse(check.toString().contains(token));
    }

    @Test
    @OperateOnDeployment(NAME)
    void rejectedCredentials_makeReadinessDown_withAiobsMessage_butLivenessStaysUp() throws Exception {
        simulator.acceptCredentials("another-key", "another-secret");

        JsonObject check = readinessCheck(URL);

        assertEquals("DOWN", check.getString("status"));
        String reason = check.getJsonObject("data").getString("reason");
        assertTrue(reason.contains("accessKey or secretKey is invalid") && reason.contains("aiob.secret-key"), reason);
        assertFalse(check.toString().contains(AiobSimulator.DEFAULT_SECRET_KEY), check.toString());
        assertEquals("UP", get("health/live").getString("status"));
    }

    @Test
    @OperateOnDeployment(NAME)
    void missingCredentials_makeReadinessDown_namingTheKeysAndEnvironmentVariables() throws Exception {
        JsonObject check = readinessCheck(MISSING_URL);

        assertEquals("DOWN", check.getString("status"));
        String reason = check.getJsonObject("data").getString("reason");
        assertTrue(reason.contains("aiob.access-key") && reason.contains("AIOB_SECRET_KEY"), reason);
    }

    @Test
    @OperateOnDeployment(NAME)
    void metrics_countFetchesByOutcome_waits_reauthentications_andShowTheTimeToExpiry() throws Exception {
        double successes = metric("aiob_token_fetches_total", "outcome=\"success\"");
        double rejections = metric("aiob_token_fetches_total", "outcome=\"credentials_rejected\"");
        double waits = metric("aiob_token_waiting_callers_total", "");
        double reauthentications = metric("aiob_token_reauthentications_total", "");

        String token = tokens.token();
        tokens.invalidate(token);
        simulator.acceptCredentials("another-key", "another-secret");
        assertTrue(throwsAiobException(), "the fetch with the wrong keys failed");

        assertEquals(successes + 1, metric("aiob_token_fetches_total", "outcome=\"success\""));
        assertEquals(rejections + 1, metric("aiob_token_fetches_total", "outcome=\"credentials_rejected\""));
        assertEquals(waits + 2, metric("aiob_token_waiting_callers_total", ""));
        assertEquals(reauthentications + 1, metric("aiob_token_reauthentications_total", ""));
        assertTrue(metric("aiob_token_fetch_duration_seconds_count", "") >= 2);

        simulator.reset();
        tokens.reset();
        tokens.token();
        double expiresIn = metric("aiob_token_expires_in_seconds", "");
        assertTrue(expiresIn > 29.9 * 24 * 3600 && expiresIn <= 30 * 24 * 3600, "expires in " + expiresIn + " s");
    }

    private boolean throwsAiobException() {
        try {
            tokens.token();
            return false;
        } catch (io.github.aiobmp.auth.AiobException e) {
            return true;
        }
    }

    /** Returns this deployment's (or {@code url}'s) aiob-token check from /health/ready. */
    private static JsonObject readinessCheck(String url) throws Exception {
        List<JsonObject> checks = get("health/ready").getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("aiob-token"))
                .filter(c -> url.equals(c.getJsonObject("data").getString("aiob", null)))
                .toList();
        assertEquals(1, checks.size(), "aiob-token checks for " + url + ": " + checks);
        return checks.get(0);
    }

    private static JsonObject get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new java.io.StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Reads one sample of this application's metric. */
    private static double metric(String name, String label) {
        return Http.metric(NAME, name, label);
    }
}
