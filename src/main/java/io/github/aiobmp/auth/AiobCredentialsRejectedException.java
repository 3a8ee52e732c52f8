package io.github.aiobmp.auth;

/**
 * AIOB refused to issue a token for the configured access key and secret key. Retrying cannot
 * help: fix {@code aiob.access-key} / {@code aiob.secret-key}.
 */
public class AiobCredentialsRejectedException extends AiobException {

    private static final long serialVersionUID = 1L;

    /** The {@code code} AIOB answered. */
    private final int code;
    /** AIOB's {@code msg}, or null. */
    private final String aiobMessage;

    /**
     * @param code        the {@code code} AIOB answered (or the HTTP status when it answered with one)
     * @param aiobMessage AIOB's {@code msg}, already free of secrets; may be {@code null}
     * @param message     what was refused and which keys to check; never a secret
     */
    public AiobCredentialsRejectedException(int code, String aiobMessage, String message) {
        super(message);
        this.code = code;
        this.aiobMessage = aiobMessage;
    }

    /** {@return the {@code code} AIOB answered} */
    public int code() {
        return code;
    }

    /** {@return AIOB's {@code msg}, or {@code null} when it sent none} */
    public String aiobMessage() {
        return aiobMessage;
    }
}
