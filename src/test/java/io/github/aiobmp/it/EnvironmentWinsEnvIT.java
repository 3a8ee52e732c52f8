package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies, on a server started with AIOB_URL, AIOB_ACCESS_KEY and AIOB_SECRET_KEY in its
 * environment (see the failsafe execution "integration-test-env" in pom.xml), that the environment
 * outranks server.xml's defaults: the packaged demo's requests land on that other AIOB-like server
 * with its credentials and carry exactly the raw token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnvironmentWinsEnvIT {

    private static final int CALLS = 5;
    private static final String OTHER_AIOB = Deployments.simulatorUrl("other-aiob") + "/";
    private static final String BUILT_IN_SIMULATOR = Deployments.BASE + "aiob-simulator/";

    /** The other AIOB: accepts only the environment's credentials, issues 2-minute tokens. */
    @Deployment(testable = false)
    static WebArchive otherAiob() {
        return Deployments.simulatorOnly("other-aiob", Map.of(
                "aiob.simulator.access-key", "env-access-key",
                "aiob.simulator.secret-key", "env-secret-key",
                "aiob.simulator.expires-minutes", "2"));
    }

    @Test
    void packagedDemo_usesTheEnvironmentsAiob_andItsCredentials() throws Exception {
        Instant before = Instant.now();

        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> response = Http.post(Deployments.BASE + "demo/realtime-call", CALL);
            assertEquals(200, response.statusCode(), response.body());
        }
        Map<String, Object> stats = Http.json(Http.get(OTHER_AIOB + "control/stats"));
        assertEquals(1, Http.intOf(stats, "tokenRequests"));
        assertEquals(CALLS, Http.intOf(stats, "apiRequests"));
        Set<?> tokens = new HashSet<>((List<?>) stats.get("authorizations"));
        assertEquals(1, tokens.size());
        assertTrue(tokens.iterator().next().toString().startsWith("cc-api-auth-v2/"), "raw token, no Bearer");
        assertEquals(0, Http.intOf(Http.json(Http.get(BUILT_IN_SIMULATOR + "control/stats")), "tokenRequests"));

        // expiresTime 2 is minutes: the token expires about 120 s after it was requested (not 2 s).
        Instant expiresAt = Instant.parse((String) Http.json(Http.get(Deployments.BASE + "demo/token")).get("expiresAt"));
        Duration lifetime = Duration.between(before, expiresAt);
        assertTrue(lifetime.compareTo(Duration.ofSeconds(110)) > 0 && lifetime.compareTo(Duration.ofSeconds(130)) < 0,
                "lifetime " + lifetime);
    }
}
