package io.github.aiobmp.simulator;

/**
 * The {@code data} of a getToken answer. A field is null only in a deliberately malformed answer,
 * and is then left out of the JSON.
 *
 * @param expiresTime the token lifetime in minutes
 * @param secretKey   echoed back, as the real API does, so clients are proven to ignore it
 */
public record TokenData(Long tenantId, String accountId, String accessToken, Long expiresTime, String accessKey,
        String secretKey) {

    static final long TENANT_ID = 123123L;
    static final String ACCOUNT_ID = "sim-account";

    /** Returns the data of the simulated tenant and account. */
    static TokenData of(String accessToken, Long expiresMinutes, String accessKey, String secretKey) {
        return new TokenData(TENANT_ID, ACCOUNT_ID, accessToken, expiresMinutes, accessKey, secretKey);
    }

    /** Hides the token and the secret key. */
    @Override
    public String toString() {
        return "TokenData[tenantId=" + tenantId + ", accountId=" + accountId
                + ", accessToken=" + (accessToken == null ? null : "****") + ", expiresTime=" + expiresTime
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "****") + "]";
    }
}
