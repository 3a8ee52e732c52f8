package io.github.aiobmp.auth.internal.gettoken;

/**
 * AIOB answered getToken with an error: an HTTP error status, or a {@code code} 5xx in its body.
 * Only ever the cause of the exception that reports it, so that a reader of the chain (the
 * exception mapper's heading) can tell such an answer from a failure to reach AIOB. Without a stack
 * trace: where it was made is that exception's own.
 */
public final class ErrorAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param what what AIOB answered, e.g. {@code HTTP 503} or {@code code 500} */
    ErrorAnswer(String what) {
        super(what, null, false, false);
    }
}
