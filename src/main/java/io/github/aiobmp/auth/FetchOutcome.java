package io.github.aiobmp.auth;

import java.util.Locale;

/** How a getToken fetch ended, by the exception it ended with. */
public enum FetchOutcome {
    /** A token was obtained. */
    SUCCESS,
    /** AIOB refused the credentials: {@link AiobCredentialsRejectedException}. */
    CREDENTIALS_REJECTED,
    /** AIOB could not be reached in time: {@link AiobUnavailableException}. */
    UNAVAILABLE,
    /** AIOB answered something unusable: {@link AiobBadResponseException}. */
    BAD_RESPONSE,
    /** This server's settings kept it from asking: {@link AiobConfigurationException}. */
    CONFIGURATION;

    /**
     * Tells how a fetch that failed with {@code failure} ended.
     *
     * @param failure what the fetch threw
     * @return its outcome; {@link #UNAVAILABLE} for an exception of no other kind
     */
    public static FetchOutcome of(AiobException failure) {
        if (failure instanceof AiobCredentialsRejectedException) {
            return CREDENTIALS_REJECTED;
        }
        if (failure instanceof AiobBadResponseException) {
            return BAD_RESPONSE;
        }
        if (failure instanceof AiobConfigurationException) {
            return CONFIGURATION;
        }
        return UNAVAILABLE;
    }

    /** {@return the lower-case name, as used in metric tags: {@code credentials_rejected}} */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
