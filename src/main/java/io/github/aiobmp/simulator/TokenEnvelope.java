package io.github.aiobmp.simulator;

/** The answer of {@code POST /api/v2/getToken} when it carries data. */
public record TokenEnvelope(long time, int code, String msg, TokenData data) {

    static TokenEnvelope ok(TokenData data) {
        return new TokenEnvelope(System.currentTimeMillis(), 200, "OK", data);
    }
}
