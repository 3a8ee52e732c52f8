package io.github.aiobmp.auth.internal.gettoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.settings.StubConfig;

/** The attempt timeout as Fault Tolerance reads it: method, class, global keys, each with its unit. */
class AttemptTimeoutTest {

    private static long millis(Map<String, String> keys) {
        return AttemptTimeout.millis(new StubConfig(keys));
    }

    @Test
    void withoutKeys_isTheAnnotationsValue() {
        assertEquals(3000, millis(Map.of()));
    }

    @Test
    void methodKeys_winOverClassAndGlobalOnes_withTheirUnit() {
        assertEquals(2000, millis(Map.of("io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/value", "2",
                "io.github.aiobmp.auth.TokenFetcher/fetch/Timeout/unit", "SECONDS",
                "io.github.aiobmp.auth.TokenFetcher/Timeout/value", "7000", "Timeout/value", "9000")));
    }

    @Test
    void classKeys_thenGlobalOnes_countWhenTheMethodHasNone() {
        assertEquals(7000, millis(Map.of("io.github.aiobmp.auth.TokenFetcher/Timeout/value", "7000",
                "Timeout/value", "9000")));
        assertEquals(60_000, millis(Map.of("Timeout/value", "1", "Timeout/unit", "MINUTES")));
    }

    @Test
    void unitThatIsNoChronoUnit_isRefused_sayingWhatItTakes() {
        AiobConfigurationException refused = assertThrows(AiobConfigurationException.class,
                () -> millis(Map.of("Timeout/value", "1", "Timeout/unit", "minutes")));
        assertTrue(refused.getMessage().contains("'minutes'") && refused.getMessage().contains("SECONDS"),
                refused.getMessage());
    }
}
