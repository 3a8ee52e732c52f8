package io.github.aiobmp.auth;

import java.util.Objects;

/**
 * AIOB refused the token on an API call: HTTP 401, or an HTTP 200 body whose {@code code} is one
 * of {@code aiob.token.rejection-codes}. {@link AiobAuthFilter} throws it after dropping the token,
 * so the next call fetches a new one; with {@link AiobReauthenticate} the call is first resent once
 * with a new token, and this surfaces only when that did not help.
 */
public class AiobTokenRejectedException extends AiobException {

    private static final long serialVersionUID = 1L;

    /** The rejected token's fingerprint. */
    private final String tokenFingerprint;
    /** The HTTP status AIOB answered. */
    private final int httpStatus;
    /** The body's code, or null. */
    private final Integer code;
    /** The body's msg, or null. */
    private final String aiobMessage;
    /** What became of the rejected token. */
    private final TokenInvalidation outcome;

    /**
     * @param message          what was rejected, on which call, and what became of the token
     * @param tokenFingerprint the rejected token's fingerprint
     * @param httpStatus       the HTTP status AIOB answered
     * @param code             the body's {@code code}, or {@code null} when the rejection was by HTTP status
     * @param aiobMessage      the body's {@code msg}, free of the token; may be {@code null}
     * @param outcome          what became of the rejected token
     */
    public AiobTokenRejectedException(String message, String tokenFingerprint, int httpStatus, Integer code,
            String aiobMessage, TokenInvalidation outcome) {
        super(message);
        this.tokenFingerprint = tokenFingerprint;
        this.httpStatus = httpStatus;
        this.code = code;
        this.aiobMessage = aiobMessage;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** {@return the rejected token's fingerprint (first 8 hex characters of its SHA-256)} */
    public String tokenFingerprint() {
        return tokenFingerprint;
    }

    /** {@return the HTTP status AIOB answered} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return the body's {@code code}, or {@code null} when AIOB rejected the token by HTTP status} */
    public Integer code() {
        return code;
    }

    /** {@return AIOB's {@code msg}, or {@code null}} */
    public String aiobMessage() {
        return aiobMessage;
    }

    /**
     * {@return what became of the rejected token: dropped by this call, already replaced by another
     * call or a refresh, or kept because forced refreshes are rate-limited}
     */
    public TokenInvalidation outcome() {
        return outcome;
    }

    /** Says how AIOB answered, e.g. {@code HTTP 401} or {@code code 401, msg 'token expired'}. */
    String answer() {
        return code == null ? "HTTP " + httpStatus : "code " + code + ", msg '" + aiobMessage + "'";
    }
}
