package io.github.aiobmp.auth.internal.share;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * A grant as servers share it: when it was obtained, when it expires, when a rejection last forced
 * a refresh, which server obtained it, and the token's fingerprint, in clear; the token itself
 * encrypted and authenticated with AES-GCM under a key derived from the Secret Key (HKDF, RFC 5869,
 * over HmacSHA256), the clear fields and the account bound to it as associated data. A cache dump,
 * a management console or a backup reveals no token; a server with other credentials cannot open
 * it, and treats it as absent.
 *
 * <p>Written as {@code aiob2.<obtained ms>.<expires ms>.<forced ms or ->.<base64url of the
 * server>.<fingerprint>.<base64url of nonce and ciphertext>}: text, so that every JCache provider
 * compares two of them by value.
 *
 * @param token      the raw token
 * @param obtainedAt when its getToken request was sent
 * @param expiresAt  when AIOB said it expires
 * @param forcedAt   when a rejection last forced a refresh of this account anywhere, or null
 * @param obtainedBy the id of the server that called getToken for it ({@link ServerId})
 */
record SealedGrant(String token, Instant obtainedAt, Instant expiresAt, Instant forcedAt, String obtainedBy) {

    private static final String VERSION = "aiob2";
    private static final int FIELDS = 6;
    private static final byte[] SALT = "aiob-mp token store".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Returns the grant the cache takes from the store: its lifetime counts from when it was
     * obtained, and it says which server obtained it.
     *
     * @param server the id of the server that takes it
     */
    TokenGrant asGrant(String server) {
        return new TokenGrant(token, Duration.between(obtainedAt, expiresAt), obtainedAt,
                server.equals(obtainedBy) ? obtainedBy + " (this server)" : obtainedBy);
    }

    /**
     * Whether this grant wins over {@code other} by the rule every server applies: the later
     * getToken wins; for two sent in the same millisecond, the greater fingerprint, so that servers
     * that hold the two agree on one.
     *
     * @param other a grant, or null for none
     */
    boolean newerThan(SealedGrant other) {
        if (other == null) {
            return true;
        }
        int order = obtainedAt.compareTo(other.obtainedAt);
        return order > 0 || order == 0 && Fingerprint.of(token).compareTo(Fingerprint.of(other.token)) > 0;
    }

    /** Seals this grant for {@code account}, under a key derived from {@code secretKey}. */
    String seal(String account, String secretKey) {
        String header = VERSION + "." + obtainedAt.toEpochMilli() + "." + expiresAt.toEpochMilli() + "."
                + (forcedAt == null ? "-" : Long.toString(forcedAt.toEpochMilli())) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(obtainedBy.getBytes(StandardCharsets.UTF_8))
                + "." + Fingerprint.of(token);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, account, secretKey, nonce, header);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] body = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /**
     * Opens what {@link #seal} wrote.
     *
     * @return the grant; empty when it was sealed for another account or under another Secret Key,
     *         or is not a grant this version wrote
     */
    static Optional<SealedGrant> open(String sealed, String account, String secretKey) {
        int bodyAt = sealed.lastIndexOf('.');
        String[] fields = bodyAt < 0 ? new String[0] : sealed.substring(0, bodyAt).split("\\.");
        if (fields.length != FIELDS || !fields[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] body = Base64.getUrlDecoder().decode(sealed.substring(bodyAt + 1));
            if (body.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] nonce = java.util.Arrays.copyOf(body, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, account, secretKey, nonce, sealed.substring(0, bodyAt));
            String token = new String(cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
            return Optional.of(new SealedGrant(token, Instant.ofEpochMilli(Long.parseLong(fields[1])),
                    Instant.ofEpochMilli(Long.parseLong(fields[2])),
                    fields[3].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(fields[3])),
                    new String(Base64.getUrlDecoder().decode(fields[4]), StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty(); // another key, or tampered with: as good as absent
        }
    }

    /** Returns the fingerprint written in clear in {@code sealed}, for logs; empty when it has none. */
    static Optional<String> fingerprintOf(String sealed) {
        String[] fields = sealed.split("\\.");
        return fields.length == FIELDS + 1 && fields[0].equals(VERSION) ? Optional.of(fields[5]) : Optional.empty();
    }

    private static Cipher cipher(int mode, String account, String secretKey, byte[] nonce, String header)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key(account, secretKey), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((account + "|" + header).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** HKDF-SHA256 (RFC 5869) of the Secret Key: extract with a fixed salt, expand to one 32-byte block. */
    static byte[] key(String account, String secretKey) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
        byte[] prk = extract.doFinal(secretKey.getBytes(StandardCharsets.UTF_8));
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update((VERSION + " token key " + account).getBytes(StandardCharsets.UTF_8));
        expand.update((byte) 1);
        return expand.doFinal();
    }

    /** Hides the token. */
    @Override
    public String toString() {
        return "SealedGrant[fingerprint=" + Fingerprint.of(token) + ", obtainedAt=" + obtainedAt + ", expiresAt="
                + expiresAt + ", forcedAt=" + forcedAt + ", obtainedBy=" + obtainedBy + "]";
    }
}
