package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobUnavailableException;

/**
 * Verifies that the test server cannot reach the real AIOB host, whose calls dial real phones: a
 * test that points at it by mistake fails instead of calling it.
 */
@ExtendWith(ArquillianExtension.class)
class RealHostGuardIT {

    private static final String REAL_HOST = "aiob-open.baidu.com";

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator("real-host-guard-it", Map.of(
                "aiob.url", "https://" + REAL_HOST,
                "io.github.aiobmp.auth.TokenFetcher/fetch/Retry/maxRetries", "0"));
    }

    @Inject
    AiobTokenProvider tokens;

    @Test
    void realHost_cannotBeResolvedInTheTestServer() {
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName(REAL_HOST));
    }

    @Test
    void tokenFetch_aimedAtTheRealHost_failsWithoutLeavingTheMachine() {
        var e = assertThrows(AiobUnavailableException.class, tokens::token);

        assertTrue(e.getMessage().contains("could not be reached: unknown host: "), e.getMessage());
        assertTrue(e.getMessage().contains("Unable to resolve host " + REAL_HOST), e.getMessage());
    }
}
