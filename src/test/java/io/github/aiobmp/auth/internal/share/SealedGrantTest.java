package io.github.aiobmp.auth.internal.share;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.internal.secret.Fingerprint;

/** What a server writes into the shared store, and who can read it back. */
class SealedGrantTest {

    private static final String TOKEN = "raw-token-5b1d9c0e7a";
    private static final String SECRET_KEY = "secret-key-of-the-account";
    private static final String ACCOUNT = AccountKey.of(URI.create("https://aiob-open.baidu.com"), "access-key-1");
    private static final SealedGrant GRANT = new SealedGrant(TOKEN, Instant.parse("2026-12-01T08:00:00Z"),
            Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T07:59:00Z"), "app-7.example:9080#3fa2");

    @Test
    void sealedGrant_opensWithTheSameAccountAndSecretKey_toTheSameGrant() {
        String sealed = GRANT.seal(ACCOUNT, SECRET_KEY);

        assertEquals(Optional.of(GRANT), SealedGrant.open(sealed, ACCOUNT, SECRET_KEY));
        SealedGrant unforced = new SealedGrant(TOKEN, GRANT.obtainedAt(), GRANT.expiresAt(), null, "other#0001");
        assertEquals(Optional.of(unforced), SealedGrant.open(unforced.seal(ACCOUNT, SECRET_KEY), ACCOUNT, SECRET_KEY));
    }

    @Test
    void sealedGrant_showsTimesAndFingerprintInClear_butNeitherTokenNorKey() {
        String sealed = GRANT.seal(ACCOUNT, SECRET_KEY);

        assertTrue(sealed.startsWith("aiob2." + GRANT.obtainedAt().toEpochMilli() + "."
                + GRANT.expiresAt().toEpochMilli() + "." + GRANT.forcedAt().toEpochMilli() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(GRANT.obtainedBy().getBytes(UTF_8)) + "."
                + Fingerprint.of(TOKEN) + "."), sealed);
        assertFalse(sealed.contains(TOKEN) || sealed.contains(SECRET_KEY), sealed);
        assertEquals(Optional.of(Fingerprint.of(TOKEN)), SealedGrant.fingerprintOf(sealed));
        assertNotEquals(sealed, GRANT.seal(ACCOUNT, SECRET_KEY), "the same grant sealed twice must differ (nonce)");
        assertFalse(GRANT.toString().contains(TOKEN), GRANT.toString());
    }

    @Test
    void newerThan_isTheLaterGetToken_andForTwoOfTheSameMillisecondTheSameOneOnEveryServer() {
        SealedGrant later = new SealedGrant("other-token", GRANT.obtainedAt().plusMillis(1), GRANT.expiresAt(), null,
                "b#0002");
        SealedGrant sameMillisecond = new SealedGrant("other-token", GRANT.obtainedAt(), GRANT.expiresAt(), null,
                "b#0002");

        assertTrue(later.newerThan(GRANT) && !GRANT.newerThan(later));
        assertTrue(GRANT.newerThan(sameMillisecond) != sameMillisecond.newerThan(GRANT),
                "exactly one of two tokens obtained in the same millisecond wins");
        assertFalse(GRANT.newerThan(GRANT));
        assertTrue(GRANT.newerThan(null));
    }

    @Test
    void sealedGrant_cannotBeOpenedUnderAnotherSecretKey_orForAnotherAccount() {
        String sealed = GRANT.seal(ACCOUNT, SECRET_KEY);

        assertEquals(Optional.empty(), SealedGrant.open(sealed, ACCOUNT, SECRET_KEY + "x"));
        String otherAccount = AccountKey.of(URI.create("https://aiob-open.baidu.com"), "access-key-2");
        assertEquals(Optional.empty(), SealedGrant.open(sealed, otherAccount, SECRET_KEY));
    }

    @Test
    void sealedGrantTamperedWith_inItsClearFieldsOrItsCiphertext_opensToNothing() {
        String sealed = GRANT.seal(ACCOUNT, SECRET_KEY);
        String laterExpiry = sealed.replace("." + GRANT.expiresAt().toEpochMilli() + ".",
                "." + GRANT.expiresAt().plusSeconds(3600).toEpochMilli() + ".");
        String noForcedRefresh = sealed.replace("." + GRANT.forcedAt().toEpochMilli() + ".", ".-.");
        int last = sealed.length() - 5;
        String flipped = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A')
                + sealed.substring(last + 1);

        String otherServer = sealed.replace(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(GRANT.obtainedBy().getBytes(UTF_8)), Base64.getUrlEncoder().withoutPadding()
                .encodeToString("intruder:9080#0000".getBytes(UTF_8)));

        for (String tampered : new String[] {laterExpiry, noForcedRefresh, otherServer, flipped, "aiob1.x", "",
                "aiob3" + sealed.substring(5), sealed.substring(0, sealed.lastIndexOf('.') + 3)}) {
            assertNotEquals(sealed, tampered);
            assertEquals(Optional.empty(), SealedGrant.open(tampered, ACCOUNT, SECRET_KEY), tampered);
        }
    }

    @Test
    void accountKey_isTheSameForTheSameOriginAndAccessKey_andRevealsNeither() {
        String key = AccountKey.of(URI.create("https://aiob-open.baidu.com/api/v2/getToken"), "access-key-1");

        assertEquals(ACCOUNT, key, "the path is not part of the account");
        assertEquals(32, key.length());
        assertTrue(key.matches("[0-9a-f]{32}"), key);
        assertFalse(key.contains("access-key") || key.contains("baidu"), key);
        assertNotEquals(key, AccountKey.of(URI.create("https://aiob-open.baidu.com"), "access-key-2"));
        assertNotEquals(key, AccountKey.of(URI.create("https://aiob-staging.test"), "access-key-1"),
                "the same Access Key at another AIOB is another account");
    }
}
