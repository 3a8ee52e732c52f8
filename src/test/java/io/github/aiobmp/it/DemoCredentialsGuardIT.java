package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static io.github.aiobmp.it.DemoIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that the demo's built-in credentials go nowhere but the built-in simulator: pointed at
 * another AIOB-like server with no keys set, calls fail naming the keys, and that server gets none.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoCredentialsGuardIT {

    private static final String NAME = "demo-guard-it";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Its own simulator stands in for "another AIOB": not the demo server's /aiob-simulator.
        return Deployments.demo(NAME, Map.of("aiob.url", Deployments.simulatorUrl(NAME)));
    }

    @ArquillianResource
    URL demo;

    @Test
    void otherAiob_withoutKeys_failsNamingThem_andReceivesNoCredentials() {
        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertError(500, response);
        assertTrue(response.body().contains("AIOB_ACCESS_KEY") && response.body().contains("AIOB_SECRET_KEY"),
                response.body());
        assertEquals(0, Http.intOf(Http.json(Http.get(demo + "aiob-simulator/control/stats")), "tokenRequests"));
    }
}
