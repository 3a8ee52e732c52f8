package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies that the timing keys take effect through MicroProfile Config, judged by what happens to
 * requests, not by reading values back.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigurationIT {

    private static final String NAME = "config-it";

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator(NAME, Map.of(
                "aiob.token.max-wait", "500ms",
                "aiob.token.refresh-ahead", "0s",
                "aiob.token.expiry-margin", "0s"));
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Test
    void maxWait_capsTheCallersWait_whileTheFetchGoesOn() throws InterruptedException {
        simulator.delayTokenRequests(Duration.ofMillis(2500));
        long start = System.nanoTime();

        var e = assertThrows(AiobUnavailableException.class, tokens::token);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 450 && elapsedMillis < 2000, "waited " + elapsedMillis + " ms");
        assertTrue(e.getMessage().contains("aiob.token.max-wait"), e.getMessage());
        assertEquals(1, simulator.tokenRequestCount(), "the request reached the configured aiob.url");
        // The slow fetch was not abandoned: its token is cached for the next caller.
        assertEquals(TokenState.FRESH, awaitFetch());
        tokens.token();
        assertEquals(1, simulator.tokenRequestCount());
    }

    private TokenState awaitFetch() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tokens.status().state() == TokenState.NONE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return tokens.status().state();
    }
}
