package io.github.aiobmp.auth;

/**
 * The token endpoint answered, but not with a usable token: not JSON, no {@code data}, no
 * {@code accessToken}, or an {@code expiresTime} that is missing or out of range.
 */
public class AiobBadResponseException extends AiobException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to fix; never a secret */
    public AiobBadResponseException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to fix; never a secret
     * @param cause   the failure underneath
     */
    public AiobBadResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
