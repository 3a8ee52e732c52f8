package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobUnavailableException;

/** Verifies that an unreachable AIOB (a closed loopback port) fails fast with a typed error, never a hang. */
@ExtendWith(ArquillianExtension.class)
class UnreachableAiobIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator("unreachable-it", Map.of("aiob.url", Deployments.closedLoopbackUrl()));
    }

    @Inject
    AiobTokenProvider tokens;

    @Test
    void closedPort_failsFastWithUnavailable() {
        long start = System.nanoTime();

        var e = assertThrows(AiobUnavailableException.class, tokens::token);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
        // Three refused connections and two short backoffs: well under a second or two, never a hang.
        assertTrue(elapsedMillis < 3000, "took " + elapsedMillis + " ms");
    }
}
