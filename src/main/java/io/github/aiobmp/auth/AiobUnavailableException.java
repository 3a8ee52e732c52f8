package io.github.aiobmp.auth;

/**
 * No token could be had in time: the token endpoint could not be reached, timed out, answered
 * HTTP 5xx, or the caller's wait ({@code aiob.token.max-wait}) ran out. Worth retrying later.
 */
public class AiobUnavailableException extends AiobException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to fix; never a secret */
    public AiobUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to fix; never a secret
     * @param cause   the failure underneath
     */
    public AiobUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
