package io.github.aiobmp.auth.internal.cache;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenStatus;
import io.github.aiobmp.auth.internal.gettoken.TokenRequest;
import io.github.aiobmp.auth.internal.gettoken.TokenResponse;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/** Verifies that tokens and secret keys appear in no text form, only as their SHA-256 fingerprint. */
class SecretHidingTest {

    private static final String TOKEN = "tok-5f2a9c-SECRET-VALUE";
    private static final String SECRET_KEY = "sk-81d7e3-SECRET-KEY";
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private static void assertHides(String secret, Object holder) {
        String text = String.valueOf(holder);
        assertFalse(text.contains(secret), "'" + text + "' reveals the secret");
    }

    /** Computed here with MessageDigest, independently of Fingerprint. */
    private static String sha256Prefix(String secret) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%02x", digest[i] & 0xff));
        }
        return hex.toString();
    }

    @Test
    void fingerprint_isTheFirstEightHexCharactersOfSha256() throws Exception {
        String fingerprint = Fingerprint.of(TOKEN);

        assertTrue(fingerprint.matches("[0-9a-f]{8}"), fingerprint);
        assertEquals(sha256Prefix(TOKEN), fingerprint);
    }

    @Test
    void fingerprint_matchesTheStandardSha256TestVector() {
        // SHA-256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1)
        assertEquals("ba7816bf", Fingerprint.of("abc"));
    }

    @Test
    void accessToken_showsItsFingerprintNotItsValue() {
        AccessToken token = new AccessToken(TOKEN, T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));

        assertHides(TOKEN, token);
        assertTrue(token.toString().contains(Fingerprint.of(TOKEN)), token.toString());
        assertEquals(Fingerprint.of(TOKEN), token.fingerprint());
    }

    @Test
    void accessTokenWithInstantsOutOfOrder_isRejectedWithoutRevealingTheToken() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new AccessToken(TOKEN, T0, T0.plusSeconds(2), T0.plusSeconds(1), T0.plusSeconds(3)));

        assertHides(TOKEN, thrown.getMessage());
    }

    @Test
    void tokenGrant_showsItsFingerprintNotItsValue() {
        assertHides(TOKEN, new TokenGrant(TOKEN, ofMinutes(43200)));
    }

    @Test
    void tokenStatus_ofACachedToken_carriesOnlyTheFingerprint() throws Exception {
        TokenGrant grant = new TokenGrant(TOKEN, ofMinutes(60));
        FakeClock clock = new FakeClock(T0);
        TokenCache cache = new TokenCache(() -> grant, new CachePolicy(new RefreshPolicy(ofMinutes(5), ZERO,
                ofMinutes(1)), new Backoff(ofSeconds(1), ofSeconds(1)), ofMinutes(1), ZERO), Runnable::run, clock,
                clock, () -> 0.0, TokenEvents.NONE);
        cache.token();

        TokenStatus status = cache.status();

        assertHides(TOKEN, status);
        assertEquals(sha256Prefix(TOKEN), status.fingerprint());
    }

    @Test
    void credentials_hideTheSecretKey() {
        assertHides(SECRET_KEY, new AiobSettings.Credentials("ak-123", SECRET_KEY));
    }

    @Test
    void tokenRequest_hidesTheSecretKey() {
        assertHides(SECRET_KEY, new TokenRequest("ak-123", SECRET_KEY));
    }

    @Test
    void tokenResponse_hidesTheGrantedToken() {
        TokenResponse response = new TokenResponse(1L, 200, "success",
                new TokenResponse.TokenData(7L, "account", TOKEN, 43200L));

        assertHides(TOKEN, response);
    }
}
