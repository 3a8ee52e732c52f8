package io.github.aiobmp.simulator;

/**
 * The body of {@code POST /api/v2/getToken}. Either field may be missing; the simulator then
 * answers as AIOB does, with code 400.
 */
public record TokenRequest(String accessKey, String secretKey) {

    /** Shows the access key only. */
    @Override
    public String toString() {
        return "TokenRequest[accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "****") + "]";
    }
}
