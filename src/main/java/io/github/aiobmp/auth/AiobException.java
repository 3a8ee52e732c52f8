package io.github.aiobmp.auth;

/**
 * Base of every exception this component throws. Messages say what failed and what to fix;
 * they never contain a secret key or a token.
 */
public abstract class AiobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected AiobException(String message) {
        super(message);
    }

    protected AiobException(String message, Throwable cause) {
        super(message, cause);
    }
}
