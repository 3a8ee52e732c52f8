package io.github.aiobmp.auth.internal.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies a secret in logs and status output without revealing it. */
public final class Fingerprint {

    private static final int HEX_CHARS = 8;

    private Fingerprint() {
    }

    /** Returns the first 8 hex characters of the SHA-256 of {@code secret}. */
    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
