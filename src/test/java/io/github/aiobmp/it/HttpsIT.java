package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies HTTPS to AIOB with this project's server.xml (transportSecurity-1.0 and its SSL
 * configuration): the token is fetched and attached over HTTPS, and never sent over plain HTTP to
 * the same host; a certificate the server's JVM trusts by default is trusted, as the public CA
 * behind aiob-open.baidu.com is (thanks to {@code trustDefaultCerts="true"}: measured, without it
 * the handshake fails); and one nobody trusts fails fast as this server's configuration problem,
 * saying how to trust it, before any request (so any key) gets past the handshake.
 */
@ExtendWith(ArquillianExtension.class)
class HttpsIT {

    private static final String NAME = "https-it";
    /** The simulator through the server's HTTPS port (server.xml's https.port). */
    private static final String AIOB_URL = "https://localhost:9443/" + NAME + "/aiob-simulator";
    private static final String PLAIN_HTTP_URL = "http://localhost:9080/" + NAME + "/aiob-simulator";

    /** Its certificate is the test server JVM's default trust store (jvm.trusted.args in pom.xml). */
    private static StubHttpsAiob jvmTrusted;
    /** Its certificate is trusted by nobody. */
    private static StubHttpsAiob untrusted;

    @Deployment(name = "https")
    static WebArchive overTheServersHttpsPort() {
        return Deployments.componentWithSimulator(NAME, Map.of("aiob.url", AIOB_URL, "robots/mp-rest/url", AIOB_URL))
                .addClasses(RobotListClient.class, PlainRobotListClient.class);
    }

    @Deployment(name = "jvm-trusted", testable = false)
    static WebArchive againstAServerTheJvmTrusts() {
        jvmTrusted = StubHttpsAiob.withKeyStore(Path.of(System.getProperty("jvm.trusted.keystore")),
                System.getProperty("jvm.trusted.password"));
        return Deployments.demo("jvm-default-trust-it", Map.of("aiob.url", jvmTrusted.url(),
                "aiob.access-key", "some-key", "aiob.secret-key", "some-secret"));
    }

    @Deployment(name = "untrusted", testable = false)
    static WebArchive againstAServerNobodyTrusts() {
        untrusted = StubHttpsAiob.withThrowawayCertificate();
        return Deployments.demo("untrusted-https-it", Map.of("aiob.url", untrusted.url(),
                "aiob.access-key", "some-key", "aiob.secret-key", "some-secret"));
    }

    @AfterAll
    static void stopTheStubs() {
        if (jvmTrusted != null) {
            jvmTrusted.close();
        }
        if (untrusted != null) {
            untrusted.close();
        }
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Inject
    @RestClient
    RobotListClient robots;

    @ArquillianResource
    @OperateOnDeployment("jvm-trusted")
    URL jvmTrustedDemo;

    @ArquillianResource
    @OperateOnDeployment("untrusted")
    URL untrustedDemo;

    @Test
    @OperateOnDeployment("https")
    void httpsAiob_tokenIsFetchedAndAttached_overHttps_andNeverSentOverPlainHttp() throws Exception {
        robots.list();
        SimulatorAssertions.assertSentExactlyTheIssuedToken(simulator);
        FreshState.restore(tokens, simulator);

        try (PlainRobotListClient plain = RestClientBuilder.newBuilder()
                .baseUri(URI.create(PLAIN_HTTP_URL)).register(AiobAuthFilter.class)
                .build(PlainRobotListClient.class)) {
            // The simulator refuses a request without a token: proof that none was attached.
            assertThrows(WebApplicationException.class, plain::list);
        }
        assertNull(simulator.apiRequests().get(0).authorization(), "an https aiob.url's token never goes over http");
        assertEquals(0, simulator.tokenRequestCount());
    }

    @Test
    @RunAsClient
    void certificateTrustedByTheJvm_tokenIsFetchedAndAttached() {
        HttpResponse<String> response = Http.post(jvmTrustedDemo + "demo/realtime-call", CALL);

        assertEquals(200, response.statusCode(), response.body());
        List<StubHttpsAiob.Call> calls = jvmTrusted.calls();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("/aiob/api/v2/getToken", calls.get(0).path());
        assertNull(calls.get(0).authorization());
        assertEquals("/aiob/api/v3/console/realtime/status/create", calls.get(1).path());
        assertEquals(StubHttpsAiob.TOKEN, calls.get(1).authorization());
    }

    @Test
    @RunAsClient
    void untrustedCertificate_failsFast_sayingHowToTrustIt_andSendsNothing() {
        long start = System.nanoTime();

        HttpResponse<String> response = Http.post(untrustedDemo + "demo/realtime-call", CALL);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, response.statusCode(), response.body());
        String detail = (String) Http.json(response).get("detail");
        assertTrue(detail.contains("is not trusted by this server (TLS handshake failed: PKIX path building failed")
                && detail.contains("trustDefaultCerts"), detail);
        assertTrue(elapsedMillis < 5000, "took " + elapsedMillis + " ms: " + detail);
        assertEquals(List.of(), untrusted.calls(), "no request, so no key, got past the handshake");
    }
}
