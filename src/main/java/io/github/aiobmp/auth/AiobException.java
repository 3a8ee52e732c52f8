package io.github.aiobmp.auth;

/**
 * Base of every exception this component throws. Messages say what failed and what to fix;
 * they never contain a secret key or a token.
 */
public abstract class AiobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to fix; never a secret */
    protected AiobException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to fix; never a secret
     * @param cause   the failure underneath
     */
    protected AiobException(String message, Throwable cause) {
        super(message, cause);
    }
}
