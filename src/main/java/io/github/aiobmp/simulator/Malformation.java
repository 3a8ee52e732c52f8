package io.github.aiobmp.simulator;

/** Ways a simulated getToken answer can be broken, to prove that clients reject it. */
public enum Malformation {

    /** HTTP 200 with a small HTML error page, as a misrouted proxy might send. */
    HTML_PAGE,

    /** HTTP 200, {@code application/json}, the body cut off in the middle of an object. */
    TRUNCATED_JSON,

    /** A valid envelope with code 200 and no {@code data}. */
    MISSING_DATA,

    /** {@code data} without {@code accessToken}. */
    MISSING_ACCESS_TOKEN,

    /** {@code data} without {@code expiresTime}; its token is never honoured by the API endpoints. */
    MISSING_EXPIRES_TIME,

    /** {@code expiresTime} 0; its token is never honoured. */
    ZERO_EXPIRES_TIME,

    /** {@code expiresTime} -5; its token is never honoured. */
    NEGATIVE_EXPIRES_TIME,

    /** {@code expiresTime} of a thousand years, as a bug might send; its token is never honoured. */
    ABSURD_EXPIRES_TIME
}
