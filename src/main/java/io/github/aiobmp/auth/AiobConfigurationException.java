package io.github.aiobmp.auth;

/** A setting is missing or invalid; the message names the property and its environment variable. */
public class AiobConfigurationException extends AiobException {

    private static final long serialVersionUID = 1L;

    /** @param message which setting is wrong, and what it should be; never a secret */
    public AiobConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message which setting is wrong, and what it should be; never a secret
     * @param cause   what the setting made fail, e.g. a cache provider's own exception
     */
    public AiobConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
