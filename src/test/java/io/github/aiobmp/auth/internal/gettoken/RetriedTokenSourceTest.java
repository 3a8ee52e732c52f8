package io.github.aiobmp.auth.internal.gettoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;

/** Verifies that Fault Tolerance's final timeout reaches the caller as AIOB being unavailable, saying so. */
class RetriedTokenSourceTest {

    @Test
    void finalTimeout_isUnavailable_namingTheKey_andCarryingTheTimeout() {
        TimeoutException timeout = new TimeoutException("timed out");
        RetriedTokenSource source = new RetriedTokenSource(attempt -> {
            throw timeout;
        }, () -> null, 1500);

        AiobUnavailableException thrown = assertThrows(AiobUnavailableException.class, source::fetch);

        assertEquals("AIOB's getToken did not answer within 1500 ms (" + AttemptTimeout.KEY + ")", thrown.getMessage());
        assertSame(timeout, CauseChain.find(thrown, TimeoutException.class).orElseThrow());
    }
}
