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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that an HTTPS aiob.url whose certificate this project's server.xml does not trust fails
 * fast as this server's configuration problem, saying how to trust it, and that the untrusted
 * server never receives a request, so never the keys.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UntrustedHttpsIT {

    private static StubHttpsAiob untrusted;

    @Deployment(testable = false)
    static WebArchive deployment() {
        untrusted = StubHttpsAiob.withThrowawayCertificate();
        return Deployments.demo("untrusted-https-it", Map.of("aiob.url", untrusted.url(),
                "aiob.access-key", "some-key", "aiob.secret-key", "some-secret"));
    }

    @AfterAll
    static void stopTheStub() {
        untrusted.close();
    }

    @ArquillianResource
    URL demo;

    @Test
    void untrustedCertificate_failsFast_sayingHowToTrustIt_andSendsNothing() {
        long start = System.nanoTime();

        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, response.statusCode(), response.body());
        String detail = (String) Http.json(response).get("detail");
        assertTrue(detail.contains("is not trusted by this server (TLS handshake failed: PKIX path building failed")
                && detail.contains("trustDefaultCerts"), detail);
        assertTrue(elapsedMillis < 5000, "took " + elapsedMillis + " ms: " + detail);
        assertEquals(List.of(), untrusted.calls(), "no request, so no key, got past the handshake");
    }
}
