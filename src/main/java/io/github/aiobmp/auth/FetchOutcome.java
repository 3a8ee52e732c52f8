package io.github.aiobmp.auth;

import java.util.Locale;

/** How a getToken fetch ended, by the exception it ended with. */
public enum FetchOutcome {
    SUCCESS,
    CREDENTIALS_REJECTED,
    UNAVAILABLE,
    BAD_RESPONSE,
    CONFIGURATION;

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

    /** Returns the lower-case name, as used in metric tags: {@code credentials_rejected}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
