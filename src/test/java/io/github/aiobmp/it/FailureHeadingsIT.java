package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies over HTTP, through an application with AiobExceptionMapper, that each way getToken can
 * fail gets a heading that says what happened: an unknown host, a refused connection, a timeout,
 * an error answer from AIOB.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailureHeadingsIT {

    private static final String FETCHER = "io.github.aiobmp.auth.TokenFetcher/fetch/";

    @Deployment(name = "unknown-host", testable = false)
    static WebArchive unknownHostDeployment() {
        // Not in the loopback-only hosts file: the name cannot be resolved, as without a network.
        return withMapper(Deployments.componentWithSimulator("headings-unknown-host-it",
                Map.of("aiob.url", "https://aiob-open.invalid")));
    }

    @Deployment(name = "refused", testable = false)
    static WebArchive refusedDeployment() {
        return withMapper(Deployments.componentWithSimulator("headings-refused-it",
                Map.of("aiob.url", Deployments.closedLoopbackUrl())));
    }

    @Deployment(name = "simulated", testable = false)
    static WebArchive simulatedDeployment() {
        // One attempt of 500 ms, and a failure remembered for 1 ms only: each test's call tries again.
        return withMapper(Deployments.componentWithSimulator("headings-simulated-it", Map.of(
                FETCHER + "Timeout/value", "500",
                FETCHER + "Retry/maxRetries", "0",
                "aiob.token.failure-backoff-initial", "1ms",
                "aiob.token.failure-backoff-max", "1ms")));
    }

    private static WebArchive withMapper(WebArchive archive) {
        return archive.addClasses(FailingResource.class, MapperApplication.class);
    }

    @ArquillianResource
    @OperateOnDeployment("unknown-host")
    URL unknownHost;

    @ArquillianResource
    @OperateOnDeployment("refused")
    URL refused;

    @ArquillianResource
    @OperateOnDeployment("simulated")
    URL simulated;

    @AfterEach
    void resetSimulator() {
        Http.post(simulated + "aiob-simulator/control/reset", "");
    }

    @Test
    void unknownHost_isSaid() {
        assertHeading(503, "AIOB's host is unknown", "could not be reached: unknown host", unknownHost);
    }

    @Test
    void refusedConnection_isSaid() {
        assertHeading(503, "AIOB refused the connection", "could not be reached: connection refused", refused);
    }

    @Test
    void timeout_isSaid() throws InterruptedException {
        fault("{\"tokenDelayMillis\":1500}");

        assertHeading(503, "AIOB did not answer in time", "", simulated);

        // The simulator's delayed answer runs on; let it end here, not after the deployment is gone.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (((List<?>) Http.json(Http.get(simulated + "aiob-simulator/control/stats")).get("issuedTokens")).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the delayed getToken never ended");
            Thread.sleep(50);
        }
    }

    @Test
    void serverError_isAnErrorAnswer() {
        fault("{\"failTokenRequests\":1,\"failStatus\":503}");

        assertHeading(503, "AIOB answered with an error", "answered HTTP 503", simulated);
    }

    @Test
    void clientError_isAnErrorAnswer_too() {
        fault("{\"failTokenRequests\":1,\"failStatus\":404}");

        assertHeading(502, "AIOB answered with an error", "answered HTTP 404", simulated);
    }

    private void fault(String settings) {
        HttpResponse<String> response = Http.put(simulated + "aiob-simulator/control/faults", settings);
        assertEquals(204, response.statusCode(), response.body());
    }

    private static void assertHeading(int status, String error, String detail, URL application) {
        HttpResponse<String> response = Http.get(application + "api/fail/real-unavailable");

        assertEquals(status, response.statusCode(), response.body());
        Map<String, Object> body = Http.json(response);
        assertEquals(error, body.get("error"), response.body());
        assertTrue(body.get("detail").toString().contains(detail), response.body());
    }
}
