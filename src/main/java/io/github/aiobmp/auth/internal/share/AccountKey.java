package io.github.aiobmp.auth.internal.share;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.aiobmp.auth.internal.destination.AiobDestination;

/**
 * The key under which servers share an account's token: a hash of AIOB's origin and the Access
 * Key, so that the store identifies the account without revealing it.
 */
final class AccountKey {

    private AccountKey() {
    }

    /** Returns 32 hex characters of the SHA-256 of {@code url}'s origin and {@code accessKey}. */
    static String of(URI url, String accessKey) {
        AiobDestination origin = AiobDestination.of(url);
        String identity = origin.scheme() + "://" + origin.host() + ":" + origin.port() + "\n" + accessKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
