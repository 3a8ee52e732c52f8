package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.TokenState;
import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies that credentials changed in a dynamic config source replace the token without a
 * restart, even while a rejection of the old ones is being remembered.
 */
@ExtendWith(ArquillianExtension.class)
class CredentialRotationIT {

    private static final String NEW_ACCESS_KEY = "rotated-access-key";
    private static final String NEW_SECRET_KEY = "rotated-secret-key";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator("rotation-it", Map.of(
                AiobConfigKeys.CREDENTIALS_CHECK_INTERVAL, "1s",
                // A remembered failure would outlast the test: only the rotation can end it.
                AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "60s",
                AiobConfigKeys.FAILURE_BACKOFF_MAX, "60s"))
                .addClass(MutableConfigSource.class)
                .addAsServiceProvider(ConfigSource.class, MutableConfigSource.class);
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @AfterEach
    void restore() {
        MutableConfigSource.clear();
        FreshState.restore(tokens, simulator);
    }

    @Test
    void rotatedCredentials_dropTheOldToken_andTheNextCallAuthenticatesWithTheNewOnes() throws Exception {
        String old = tokens.token();
        simulator.acceptCredentials(NEW_ACCESS_KEY, NEW_SECRET_KEY);

        rotate();

        assertTrue(eventually(() -> tokens.status().state() == TokenState.NONE), "the old token was not dropped");
        String renewed = tokens.token();
        assertNotEquals(old, renewed);
        assertEquals(2, simulator.tokenRequestCount());
    }

    @Test
    void fixingRejectedCredentials_endsTheRememberedRejection_atOnce() throws Exception {
        simulator.acceptCredentials(NEW_ACCESS_KEY, NEW_SECRET_KEY);
        assertThrows(AiobCredentialsRejectedException.class, tokens::token);
        assertThrows(AiobCredentialsRejectedException.class, tokens::token);
        assertEquals(1, simulator.tokenRequestCount(), "the rejection is remembered");

        rotate();

        assertTrue(eventually(() -> {
            try {
                tokens.token();
                return true;
            } catch (AiobCredentialsRejectedException stillRemembered) {
                return false;
            }
        }), "the new credentials were not used");
        assertEquals(2, simulator.tokenRequestCount());
    }

    private static void rotate() {
        MutableConfigSource.set(AiobConfigKeys.ACCESS_KEY, NEW_ACCESS_KEY);
        MutableConfigSource.set(AiobConfigKeys.SECRET_KEY, NEW_SECRET_KEY);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
