package io.github.aiobmp.auth;

/**
 * What became of a token AIOB rejected, when it was handed to
 * {@link AiobTokenProvider#invalidate(String)}: it tells a caller whether resending can help.
 */
public enum TokenInvalidation {

    /** It was the current token and is dropped now: the next call fetches a new one. */
    DROPPED("it was dropped: the next call gets a new token"),
    /**
     * It was no longer the current token: another caller's rejection had dropped it, or a refresh
     * had replaced it. The next call carries the current token, or joins the fetch of a new one.
     */
    ALREADY_REPLACED("it had already been replaced (another call dropped it, or a refresh replaced it):"
            + " the next call carries the current token"),
    /**
     * It is still the current token and was kept, because the last refresh forced by a rejection
     * was less than {@link AiobConfigKeys#REAUTH_MIN_INTERVAL} ago, or less than the back-off while AIOB
     * keeps rejecting young tokens ({@link AiobConfigKeys#CONTENTION_BACKOFF_MAX}): resending now would not help.
     */
    RATE_LIMITED("it is still the current token and was kept, because the last forced refresh was less than "
            + AiobConfigKeys.REAUTH_MIN_INTERVAL + " ago (longer while AIOB keeps rejecting tokens soon after they"
            + " were obtained: see " + AiobConfigKeys.CONTENTION_BACKOFF_MAX + "): no new token is fetched yet");

    private final String description;

    TokenInvalidation(String description) {
        this.description = description;
    }

    /** {@return whether a resend may get another token than the rejected one} */
    public boolean resendMayHelp() {
        return this != RATE_LIMITED;
    }

    /** {@return what became of the token, in words, for messages and logs} */
    public String description() {
        return description;
    }
}
