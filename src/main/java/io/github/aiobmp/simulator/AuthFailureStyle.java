package io.github.aiobmp.simulator;

/**
 * How the simulator rejects a call: the public record does not say whether AIOB uses the HTTP
 * status or only the {@code code} in the body, so the simulator can do either.
 */
public enum AuthFailureStyle {

    /** HTTP status 401, with the envelope {@code {"time","code":401,"msg"}} as the body. */
    HTTP_401(401),

    /** HTTP status 200 with the same envelope: only {@code code} says the call failed. */
    CODE_401(200);

    private final int httpStatus;

    AuthFailureStyle(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    int httpStatus() {
        return httpStatus;
    }
}
