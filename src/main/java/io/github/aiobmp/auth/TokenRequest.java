package io.github.aiobmp.auth;

/** Body of {@code POST /api/v2/getToken}. {@link #toString()} hides the secret key. */
public record TokenRequest(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "TokenRequest[accessKey fingerprint=" + Fingerprint.of(accessKey) + "]";
    }
}
