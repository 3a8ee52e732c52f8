package io.github.aiobmp.simulator;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the HTTP responses of the simulated AIOB endpoints. */
final class AiobResponses {

    static final int CODE_OK = 200;
    static final int CODE_INVALID_INPUT = 400;
    static final int CODE_UNAUTHORIZED = 401;

    private AiobResponses() {
    }

    /** HTTP 200 carrying the given envelope. */
    static Response ok(Object envelope) {
        return Response.ok(envelope, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The given HTTP status, with an envelope carrying {@code code} and {@code msg} and no data. */
    static Response error(int httpStatus, int code, String msg) {
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON_TYPE).entity(Envelope.of(code, msg)).build();
    }

    /** AIOB's answer to a missing or invalid field: HTTP 200 with code 400. */
    static Response invalidInput(String msg) {
        return error(200, CODE_INVALID_INPUT, msg);
    }

    /** A code 401 rejection, sent the way {@code style} says. */
    static Response unauthorized(AuthFailureStyle style, String msg) {
        return error(style.httpStatus(), CODE_UNAUTHORIZED, msg);
    }
}
