package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.simulator.AiobSimulator;

/** Verifies that missing credentials do not stop the application, and that calls needing a token name the keys. */
@ExtendWith(ArquillianExtension.class)
class MissingCredentialsIT {

    private static final String NAME = "missing-credentials-it";

    @Deployment
    static WebArchive deployment() {
        // Blank values count as missing.
        return Deployments.componentWithSimulator(NAME, Map.of("aiob.access-key", " ", "aiob.secret-key", ""));
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Test
    void tokenCall_failsNamingBothKeysAndTheirEnvironmentVariables() {
        var e = assertThrows(AiobConfigurationException.class, tokens::token);

        for (String expected : new String[] {"aiob.access-key", "AIOB_ACCESS_KEY", "aiob.secret-key", "AIOB_SECRET_KEY"}) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        assertEquals(0, simulator.tokenRequestCount());
        assertEquals(TokenState.NONE, tokens.status().state());
    }
}
