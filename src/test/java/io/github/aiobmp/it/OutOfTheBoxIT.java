package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Verifies that the packaged demo WAR, deployed at {@code /} by this project's server.xml with no
 * AIOB settings in the environment, works out of the box against the built-in simulator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutOfTheBoxIT {

    private static final String SERVER = Deployments.BASE;

    /** Arquillian needs a deployment; what is tested is the packaged WAR the server already runs. */
    @Deployment(testable = false)
    static WebArchive nothingExtra() {
        return ShrinkWrap.create(WebArchive.class, "out-of-the-box-it.war").addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void packagedDemo_callsTheBuiltInSimulator_withItsToken() {
        HttpResponse<String> response = Http.post(SERVER + "demo/realtime-call", CALL);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(((Map<?, ?>) Http.json(response).get("data")).containsKey("memberId"), response.body());
        Map<String, Object> stats = Http.json(Http.get(SERVER + "aiob-simulator/control/stats"));
        assertEquals(1, Http.intOf(stats, "tokenRequests"), "only this test calls the packaged demo");
        List<?> seen = (List<?>) stats.get("authorizations");
        String token = (String) seen.get(seen.size() - 1);
        Map<String, Object> status = Http.json(Http.get(SERVER + "demo/token"));
        assertEquals("FRESH", status.get("state"));
        assertEquals(Fingerprints.of(token), status.get("fingerprint"));
    }

    @Test
    void whatTheServerRefusesBeforeTheDemoSeesIt_isAnsweredWithJsonToo() {
        // A path outside the demo (its /demo forgotten), and a Content-Type that cannot be parsed: the
        // servlet container answers these, through the WAR's error page.
        HttpResponse<String> outside = Http.post(SERVER + "realtime-call", CALL);
        HttpResponse<String> unparsable = Http.send(HttpRequest.newBuilder(URI.create(SERVER + "demo/realtime-call"))
                .header("Content-Type", ";;;").POST(HttpRequest.BodyPublishers.ofString(CALL)));

        assertEquals(404, outside.statusCode(), outside.body());
        assertEquals(400, unparsable.statusCode(), unparsable.body());
        for (HttpResponse<String> response : List.of(outside, unparsable)) {
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(Set.of("error", "detail"), Http.json(response).keySet(), response.body());
        }
    }
}
