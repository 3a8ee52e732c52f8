package io.github.aiobmp.it;

import static io.github.aiobmp.it.DemoIT.CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * Verifies that the component trusts what the server's JVM trusts by default, as a production JVM
 * trusts the public CA behind aiob-open.baidu.com: the test server's JVM is given the stub's
 * certificate as its default trust store (see jvm.trusted.args in pom.xml). With transportSecurity-1.0,
 * this holds only thanks to server.xml's {@code trustDefaultCerts="true"} (measured: without it, the
 * handshake fails, as it does in UntrustedHttpsIT).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JvmDefaultTrustHttpsIT {

    private static StubHttpsAiob jvmTrusted;

    @Deployment(testable = false)
    static WebArchive deployment() {
        jvmTrusted = StubHttpsAiob.withKeyStore(Path.of(System.getProperty("jvm.trusted.keystore")),
                System.getProperty("jvm.trusted.password"));
        return Deployments.demo("jvm-default-trust-it", Map.of("aiob.url", jvmTrusted.url(),
                "aiob.access-key", "some-key", "aiob.secret-key", "some-secret"));
    }

    @AfterAll
    static void stopTheStub() {
        jvmTrusted.close();
    }

    @ArquillianResource
    URL demo;

    @Test
    void certificateTrustedByTheJvm_tokenIsFetchedAndAttached() {
        HttpResponse<String> response = Http.post(demo + "demo/realtime-call", CALL);

        assertEquals(200, response.statusCode(), response.body());
        List<StubHttpsAiob.Call> calls = jvmTrusted.calls();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("/aiob/api/v2/getToken", calls.get(0).path());
        assertNull(calls.get(0).authorization());
        assertEquals("/aiob/api/v3/console/realtime/status/create", calls.get(1).path());
        assertEquals(StubHttpsAiob.TOKEN, calls.get(1).authorization());
    }
}
