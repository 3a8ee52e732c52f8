package io.github.aiobmp.auth.internal.gettoken;

/**
 * Answer of {@code POST /api/v2/getToken}. Every component may be absent in a bad answer, so
 * they are all nullable and checked by the caller.
 *
 * @param code 200 on success; any other value is an error explained by {@code msg}
 */
public record TokenResponse(Long time, Integer code, String msg, TokenData data) {

    /**
     * The {@code data} of a successful answer. The secret key AIOB echoes back is deliberately
     * not mapped, so it is never kept in memory beyond the response buffer.
     *
     * @param expiresTime the token's lifetime in <em>minutes</em>
     */
    public record TokenData(Long tenantId, String accountId, String accessToken, Long expiresTime) {

        @Override
        public String toString() {
            return "TokenData[tenantId=" + tenantId + ", accountId=" + accountId + ", expiresTime=" + expiresTime + "]";
        }
    }
}
