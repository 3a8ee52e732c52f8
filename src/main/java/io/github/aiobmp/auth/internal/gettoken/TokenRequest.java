package io.github.aiobmp.auth.internal.gettoken;

import io.github.aiobmp.auth.internal.secret.Fingerprint;

/** Body of {@code POST /api/v2/getToken}. {@link #toString()} hides the secret key. */
public record TokenRequest(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "TokenRequest[accessKey fingerprint=" + Fingerprint.of(accessKey) + "]";
    }
}
