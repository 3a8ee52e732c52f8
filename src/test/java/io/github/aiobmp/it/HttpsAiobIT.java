package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies, with this project's server.xml (transportSecurity-1.0 and its SSL configuration), that
 * the component fetches a token from an HTTPS aiob.url and attaches it to HTTPS calls: the
 * simulator is reached through the server's own HTTPS port, whose certificate that configuration trusts.
 */
@ExtendWith(ArquillianExtension.class)
class HttpsAiobIT {

    private static final String NAME = "https-it";
    /** The simulator through the server's HTTPS port (server.xml's https.port). */
    private static final String AIOB_URL = "https://localhost:9443/" + NAME + "/aiob-simulator";
    private static final String PLAIN_HTTP_URL = "http://localhost:9080/" + NAME + "/aiob-simulator";

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator(NAME, Map.of("aiob.url", AIOB_URL, "robots/mp-rest/url", AIOB_URL))
                .addClasses(RobotListClient.class, PlainRobotListClient.class);
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Inject
    @RestClient
    RobotListClient robots;

    @AfterEach
    void dropTokenAndResetSimulator() {
        FreshState.restore(tokens, simulator);
    }

    @Test
    void httpsAiob_tokenIsFetchedAndAttached_overHttps() {
        robots.list();

        SimulatorAssertions.assertSentExactlyTheIssuedToken(simulator);
    }

    @Test
    void sameHostOverPlainHttp_getsNoToken() throws Exception {
        try (PlainRobotListClient plain = RestClientBuilder.newBuilder()
                .baseUri(URI.create(PLAIN_HTTP_URL)).register(AiobAuthFilter.class)
                .build(PlainRobotListClient.class)) {
            // The simulator refuses a request without a token: proof that none was attached.
            assertThrows(WebApplicationException.class, plain::list);
        }

        assertNull(simulator.apiRequests().get(0).authorization(), "an https aiob.url's token never goes over http");
        assertEquals(0, simulator.tokenRequestCount());
    }
}
